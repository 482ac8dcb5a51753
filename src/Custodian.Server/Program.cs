using Custodian.Audit;
using Custodian.Calendars;
using Custodian.Incidents;
using Custodian.Mail;
using Custodian.Policy;
using Custodian.Policy.Changes;
using Custodian.Provision;
using Custodian.Requests;
using Custodian.Retention;
using Custodian.Server.Anonymization;
using Custodian.Server.Host;
using Custodian.Server.Incidents;
using Custodian.Server.Mail;
using Custodian.Server.Policy;
using Custodian.Server.PrivacyCentre;
using Custodian.Server.Provision;
using Custodian.Server.Requests;
using Custodian.Server.Retention;
using Custodian.Server.Staff;
using Custodian.Server.StaffConsole;
using Custodian.Server.Telemetry;
using Custodian.Server.Vault;
using Custodian.Storage;
using Custodian.Vault;

var builder = WebApplication.CreateBuilder(args);

builder.AddCustodianHost();
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddPolicy(builder.Configuration);
builder.Services.AddAudit(builder.Configuration);
builder.Services.AddVault();
builder.Services.AddStaff();
builder.Services.AddCalendars(builder.Configuration);
builder.Services.AddAnonymization(builder.Configuration);
builder.Services.AddPrivacyCentre(builder.Configuration);
builder.Services.AddProvision();
builder.Services.AddRequests(builder.Configuration);
builder.Services.AddRetention(builder.Configuration);
builder.Services.AddIncidents(builder.Configuration);
builder.Services.AddMail(builder.Configuration);
builder.Services.AddConsole();
builder.Services.AddPolicyChanges();
builder.AddTelemetry();

var app = builder.Build();

app.UseCustodianHost();
app.MapPolicy();
app.MapVault();
app.MapStaff();
app.MapAnonymization();
app.MapPrivacyCentre();
app.MapProvision();
app.MapRequests();
app.MapRetention();
app.MapIncidents();
app.MapMail();
app.MapConsole();
app.MapTelemetry();
app.MapCustodianPages();

return await app.RunCustodianAsync();

/// <summary>Entry point; public so the HTTP tests can host it.</summary>
public partial class Program;
