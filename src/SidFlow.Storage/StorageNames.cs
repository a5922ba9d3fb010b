namespace SidFlow.Storage;

/// <summary>The names of ARCHITECTURE.md's storage layout, with the configured prefix applied.</summary>
public sealed class StorageNames(string prefix)
{
    public string Prefix { get; } = prefix;

    // Blob containers.
    public string CollectionContainer => Prefix + "hvsc";
    public string RendersContainer => Prefix + "renders";
    public string ModelsContainer => Prefix + "models";
    public string AuditContainer => Prefix + "audit";
    public string JobLogsContainer => Prefix + "joblogs";
    public string FeedbackContainer => Prefix + "feedback";
    public string StateContainer => Prefix + "state";
    public string JobTempContainer => Prefix + "jobtemp";
    public string ModelArchiveContainer => Prefix + "modelarchive";
    public string BackupsContainer => Prefix + "backups";
    public string TelemetryContainer => Prefix + "telemetry";

    // Tables (alphanumeric only).
    public string CatalogTable => Prefix + "catalog";
    public string JobsTable => Prefix + "jobs";
    public string ClassifiedTable => Prefix + "classified";
    public string AvailabilityTable => Prefix + "availability";
    public string FeedbackIdsTable => Prefix + "feedbackids";

    // Queues (the job engine's own are the Durable task hub's, which the Durable Task Framework manages).
    public string RenderU64Queue => Prefix + "render-u64";

    /// <summary>The edge agents' answers, relayed to the waiting orchestrations (a queue trigger in Azure).</summary>
    public string RenderU64AnswersQueue => Prefix + "render-u64-answers";
    public static string PoisonQueueOf(string queue) => queue + "-poison";

    public IEnumerable<string> Containers =>
    [
        CollectionContainer, RendersContainer, ModelsContainer, AuditContainer, JobLogsContainer,
        FeedbackContainer, StateContainer, JobTempContainer, ModelArchiveContainer, BackupsContainer, TelemetryContainer,
    ];

    public IEnumerable<string> Tables => [CatalogTable, JobsTable, ClassifiedTable, AvailabilityTable, FeedbackIdsTable];

    public IEnumerable<string> Queues
    {
        get
        {
            yield return RenderU64Queue;
            yield return PoisonQueueOf(RenderU64Queue);
            yield return RenderU64AnswersQueue;
            yield return PoisonQueueOf(RenderU64AnswersQueue);
        }
    }
}
