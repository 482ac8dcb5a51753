using Custodian.Policy;
using Custodian.Requests;

namespace Custodian.Server.StaffConsole;

/// <summary>
/// The home page's requests figures, counted at most once per <see cref="Fresh"/> and shared by every viewer. Grouping
/// every open request by due date was the largest part of the page (issue 21's benchmark); a home page half a minute
/// behind is still a fair view of the day, the requests list it links to is read afresh, and a new day counts at once.
/// </summary>
internal sealed class RequestsFigure(DashboardQueries queries, RequestRecords records, PolicyStore policies, TimeProvider time)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);

    private readonly SharedFigure<RequestFigures> _figure = new(time, Fresh);

    public Task<RequestFigures> FiguresAsync(CancellationToken cancellationToken) =>
        _figure.GetAsync(records.Today(policies.Default), queries.RequestsAsync, cancellationToken);
}
