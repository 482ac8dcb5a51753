using Custodian.Server.Host;

var builder = WebApplication.CreateBuilder(args);

builder.AddCustodianHost();

var app = builder.Build();

app.UseCustodianHost();
app.MapCustodianPages();

await app.RunAsync();

/// <summary>Entry point; public so the HTTP tests can host it.</summary>
public partial class Program;
