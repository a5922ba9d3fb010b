using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Backup;
using SidFlow.Core.Feedback;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;
using SidFlow.Core.Operations;
using SidFlow.Storage;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Operations;

public sealed class BackupApiTests(AzuriteFixture azurite)
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public async Task BackupWipeRestore_CriticalData_ComesBackByteIdentical()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        await FillAsync(app, ct);
        Dictionary<string, byte[]> before = await SnapshotAsync(app.Storage, ct);
        BackupService backups = app.Services.GetRequiredService<BackupService>();
        using var archive = new MemoryStream();
        BackupManifest made = await backups.CreateAsync(archive, Key, null, ct);

        await WipeAsync(app.Storage, ct);
        Assert.Empty(await SnapshotAsync(app.Storage, ct));
        archive.Position = 0;
        BackupManifest restored = await backups.RestoreAsync(archive, Key, allowUnencrypted: false, null, ct);
        Dictionary<string, byte[]> after = await SnapshotAsync(app.Storage, ct);

        Assert.Equal(made.Entries.Count, restored.Entries.Count);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, b => Assert.True(b.Value.AsSpan().SequenceEqual(after[b.Key]), $"{b.Key} differs after restore"));
        Assert.Contains(made.Entries, e => e.Name == "blob/state/listener-salt");
        Assert.Contains(made.Derived, d => d.What == "classifications");
        // Append blobs stay append blobs: the feedback store and the audit trail keep appending to them.
        Assert.Equal(1, await app.Services.GetRequiredService<IFeedbackStore>().AppendAsync([Event("restored")], ct));
        await app.Services.GetRequiredService<IAuditLog>().AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, "test.after", "test", [], true), ct);
        Assert.Equal(41, await app.Services.GetRequiredService<IFeedbackStore>().ReadAsync(null, ct).CountAsync(ct));
    }

    [Theory]
    [InlineData("wrong key")]
    [InlineData("tampered")]
    [InlineData("no key")]
    [InlineData("plain without --unencrypted")]
    public async Task Restore_RefusedArchive_ChangesNothing(string problem)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        await FillAsync(app, ct);
        BackupService backups = app.Services.GetRequiredService<BackupService>();
        using var archive = new MemoryStream();
        await backups.CreateAsync(archive, problem == "plain without --unencrypted" ? null : Key, null, ct);
        await WipeAsync(app.Storage, ct);
        await app.Storage.Container(app.Storage.Names.FeedbackContainer).UploadBlobAsync("marker.txt", BinaryData.FromString("after the wipe"), ct);
        Dictionary<string, byte[]> before = await SnapshotAsync(app.Storage, ct);
        byte[] bytes = archive.ToArray();
        if (problem == "tampered")
        {
            bytes[bytes.Length / 2] ^= 0x10;
        }

        using var input = new MemoryStream(bytes);
        var refused = await Assert.ThrowsAsync<BackupRefusedException>(() =>
            backups.RestoreAsync(input, problem switch { "wrong key" => RandomNumberGenerator.GetBytes(32), "no key" => null, _ => Key }, allowUnencrypted: false, null, ct));

        Assert.Equal(before.Keys.Order(), (await SnapshotAsync(app.Storage, ct)).Keys.Order());
        Assert.NotEmpty(refused.Message);
    }

    [Fact]
    public async Task StartBackup_NoKeyOnTheServer_409UnlessUnencryptedAskedFor()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        Assert.Null(Environment.GetEnvironmentVariable(BackupKey.Variable));
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        await FillAsync(app, ct);

        HttpResponseMessage refused = await app.Admin.PostAsync("/api/admin/backup", null, ct);
        HttpResponseMessage bad = await app.Admin.PostAsJsonAsync("/api/admin/backup", new { unencrypted = "yes" }, ct);
        HttpResponseMessage made = await app.Admin.PostAsJsonAsync("/api/admin/backup", new { unencrypted = true }, ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(BackupKey.Variable, await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        JsonObject stored = (await made.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        string name = stored["name"]!.GetValue<string>();
        Assert.Matches(@"^sidflow-backup-\d{8}-\d{6}\.sfbk$", name);
        Assert.False(stored["manifest"]!["encrypted"]!.GetValue<bool>());
        Assert.DoesNotContain(stored["manifest"]!["entries"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "blob/state/listener-salt");
        BlobProperties blob = await app.Storage.Container(app.Storage.Names.BackupsContainer).GetBlobClient(name).GetPropertiesAsync(cancellationToken: ct);
        Assert.Equal(stored["size"]!.GetValue<long>(), blob.ContentLength);
        AuditEntry[] audit = (await app.Admin.GetFromJsonAsync<AuditEntry[]>("/api/admin/audit?action=backup.", ct))!;
        Assert.Equal([false, false, true], audit.Select(a => a.Success));
    }

    private static FeedbackEvent Event(string listener) => new()
    {
        EventId = Guid.NewGuid(),
        Listener = listener,
        SidPath = "MUSICIANS/H/Hubbard_Rob/Delta.sid",
        Subtune = 1,
        Action = FeedbackAction.Like,
        At = DateTimeOffset.UtcNow,
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    private static async Task FillAsync(RunningApp app, CancellationToken ct)
    {
        IFeedbackStore feedback = app.Services.GetRequiredService<IFeedbackStore>();
        for (int batch = 0; batch < 4; batch++)
        {
            await feedback.AppendAsync(Enumerable.Range(0, 10).Select(i => Event($"l{batch}-{i}")).ToArray(), ct);
        }

        await app.Services.GetRequiredService<IListenerSaltSource>().GetAsync(ct);
        IModelStore models = app.Services.GetRequiredService<IModelStore>();
        await models.WriteArtifactAsync("1.0.0", "energy.zip", RandomNumberGenerator.GetBytes(70_000), ct);
        await models.AppendTrainingLogAsync("{\"modelVersion\":\"1.0.0\"}", ct);
        await models.AppendTrainingLogAsync("{\"modelVersion\":\"1.1.0\"}", ct);
        await app.Services.GetRequiredService<IAuditLog>().AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, "model.publish", "ops", new JsonObject { ["modelVersion"] = "1.0.0" }, true), ct);
        await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 3, ["note"] = "ü" }, JobPriority.Low, "test", ct);
    }

    /// <summary>Every critical blob's bytes and every critical table row (keys and typed properties), by name.</summary>
    private static async Task<Dictionary<string, byte[]>> SnapshotAsync(StorageClients storage, CancellationToken ct)
    {
        var snapshot = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string container in new[] { storage.Names.FeedbackContainer, storage.Names.ModelsContainer, storage.Names.AuditContainer, storage.Names.StateContainer })
        {
            await foreach (BlobItem blob in storage.Container(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, Only(storage, container), ct))
            {
                BlobDownloadResult content = await storage.Container(container).GetBlobClient(blob.Name).DownloadContentAsync(ct);
                snapshot[$"{container}/{blob.Name} ({blob.Properties.BlobType})"] = content.Content.ToArray();
            }
        }

        foreach (string table in new[] { storage.Names.JobsTable, storage.Names.FeedbackIdsTable })
        {
            await foreach (TableEntity row in storage.Table(table).QueryAsync<TableEntity>(cancellationToken: ct))
            {
                string properties = string.Join(";", row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={p.Value?.GetType().Name}:{(p.Value is DateTimeOffset t ? t.ToUnixTimeMilliseconds() : p.Value)}"));
                snapshot[$"{table}/{row.PartitionKey}/{row.RowKey}"] = System.Text.Encoding.UTF8.GetBytes(properties);
            }
        }

        return snapshot;
    }

    /// <summary>Of the state container only the listener salt is critical (leases and plans are the running app's).</summary>
    private static string? Only(StorageClients storage, string container) => container == storage.Names.StateContainer ? "listener-salt" : null;

    private static async Task WipeAsync(StorageClients storage, CancellationToken ct)
    {
        foreach (string container in new[] { storage.Names.FeedbackContainer, storage.Names.ModelsContainer, storage.Names.AuditContainer, storage.Names.StateContainer })
        {
            BlobContainerClient client = storage.Container(container);
            await foreach (BlobItem blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, Only(storage, container), ct))
            {
                await client.DeleteBlobAsync(blob.Name, cancellationToken: ct);
            }
        }

        foreach (string table in new[] { storage.Names.JobsTable, storage.Names.FeedbackIdsTable })
        {
            await foreach (TableEntity row in storage.Table(table).QueryAsync<TableEntity>(cancellationToken: ct))
            {
                await storage.Table(table).DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: ct);
            }
        }
    }
}
