using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Vault.Keys;

/// <summary>A table of wrapped keys that no rotation knew of would keep its keys under the retired key for good.</summary>
public sealed class WrappedKeyTableTests
{
    [Fact]
    public async Task Every_table_that_records_the_id_of_a_wrapping_key_is_re_wrapped_by_a_rotation()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        var recordingKeyIds = db.Model.GetEntityTypes()
            .Where(e => e.FindProperty(nameof(KeyCheck.KeyId)) is not null && e.ClrType != typeof(KeyCheck)).Select(e => e.ClrType.Name).Order();
        var rotated = app.Services.GetServices<IWrappedKeyTable>().Select(t => t.Columns.Entity.Name).Order();

        Assert.Equal(recordingKeyIds, rotated);
    }
}
