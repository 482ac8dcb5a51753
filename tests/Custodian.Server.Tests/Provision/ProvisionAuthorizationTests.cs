using System.Net;
using Custodian.Provision;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;

namespace Custodian.Server.Tests.Provision;

/// <summary>Provision is managed by the operator's staff and services; a client company's or joint user's account only receives.</summary>
public abstract class ProvisionAuthorizationTests(CustodianApp app)
{
    private static readonly Guid Any = Guid.NewGuid();

    private static readonly (string Method, string Url)[] Endpoints =
    [
        ("POST", "/api/v1/provision/entries"),
        ("POST", "/api/v1/provision/entries/bulk"),
        ("POST", $"/api/v1/provision/entries/{Any}/withdraw"),
        ("GET", "/api/v1/provision/records?personId=" + Any),
        ("POST", "/api/v1/provision/stops"),
        ("GET", $"/api/v1/provision/stops/{Any}"),
        ("DELETE", $"/api/v1/provision/stops/{Any}"),
        ("POST", "/api/v1/provision/without-consent"),
        ("GET", "/api/v1/provision/without-consent"),
        ("POST", $"/api/v1/provision/without-consent/{Any}/approve"),
        ("POST", $"/api/v1/provision/without-consent/{Any}/reject"),
        ("GET", "/api/v1/provision/consignees"),
        ("POST", "/api/v1/provision/consignees"),
        ("POST", $"/api/v1/provision/consignees/{Any}/supervisions"),
        ("POST", $"/api/v1/provision/consignees/{Any}/credential"),
        ("GET", "/api/v1/provision/consignees/export"),
        ("GET", "/api/v1/provision/joint-use/notices"),
        ("POST", "/api/v1/provision/joint-use/notices"),
        ("GET", "/api/v1/client-companies"),
        ("POST", "/api/v1/client-companies"),
        ("GET", $"/api/v1/client-companies/{Any}"),
        ("PUT", $"/api/v1/client-companies/{Any}/contract"),
        ("PUT", $"/api/v1/client-companies/{Any}/same-care-agreement"),
        ("POST", $"/api/v1/client-companies/{Any}/users"),
        ("POST", "/api/v1/consent"),
        ("GET", $"/api/v1/consent/{Any}"),
        ("POST", "/api/v1/consent/campaign-export"),
    ];

    private static readonly string[] Pages =
    [
        "/console/provision", "/console/provision/put-forward", "/console/provision/companies", $"/console/provision/companies/{Any}",
        "/console/provision/records", "/console/provision/without-consent", "/console/provision/stops", "/console/provision/joint-use",
        "/console/provision/consignees", "/console/provision/consent", "/console/provision/campaign",
    ];

    private static HttpRequestMessage Request(string method, string url) =>
        new(new HttpMethod(method), url) { Content = method == "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };

    [Fact]
    public async Task Endpoints_answer_401_without_credentials_and_403_to_receiving_roles_and_credentials_without_the_permission()
    {
        var anonymous = app.CreateClient();
        var (company, _) = await SafetyHost.SignInAsync(app, ProvisionRoles.CompanyUser, "127.0.0.1");
        var (joint, _) = await SafetyHost.SignInAsync(app, Custodian.Provision.JointUserCheck.Role, "127.0.0.1");
        var service = await app.ClientWithTokenAsync();
        var scoped = await app.ClientWithPermissionsAsync(["persons.read"], "service.answer-inquiries");

        foreach (var (method, url) in Endpoints)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Request(method, url), TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await company.SendAsync(Request(method, url), TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await joint.SendAsync(Request(method, url), TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await scoped.SendAsync(Request(method, url), TestContext.Current.CancellationToken)).StatusCode);
            var asService = (await service.SendAsync(Request(method, url), TestContext.Current.CancellationToken)).StatusCode;
            if (url.EndsWith("/approve", StringComparison.Ordinal) || url.EndsWith("/reject", StringComparison.Ordinal))
            {
                // Approving a provision without consent is a person's decision: no service token holds provision.approve.
                Assert.Equal(HttpStatusCode.Forbidden, asService);
            }
            else
            {
                Assert.DoesNotContain(asService, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
            }
        }
    }

    [Fact]
    public async Task Pages_open_to_staff_holding_the_permission_and_send_others_to_sign_in()
    {
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var (company, _) = await SafetyHost.SignInAsync(app, ProvisionRoles.CompanyUser, "127.0.0.1");
        var (administrator, _) = await SafetyHost.SignInAsync(app, "administrator", "127.0.0.1");

        foreach (var page in Pages)
        {
            var outsider = await anonymous.GetAsync(page, TestContext.Current.CancellationToken);
            var receiving = await company.GetAsync(page, TestContext.Current.CancellationToken);
            var staff = await administrator.GetAsync(page, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.Redirect, outsider.StatusCode);
            Assert.Contains("/console/sign-in", outsider.Headers.Location?.ToString(), StringComparison.Ordinal);
            Assert.EndsWith("/console/sign-in", receiving.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
            Assert.Contains("class=\"provision-", await staff.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }
}

public sealed class ProvisionAuthorizationTests_Sqlite(SqliteApp app) : ProvisionAuthorizationTests(app), IClassFixture<SqliteApp>;

public sealed class ProvisionAuthorizationTests_Postgres(PostgresApp app) : ProvisionAuthorizationTests(app), IClassFixture<PostgresApp>;
