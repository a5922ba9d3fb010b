namespace SidFlow.Storage;

/// <summary>The names of ARCHITECTURE.md's storage layout, with the configured prefix applied.</summary>
public sealed class StorageNames(string prefix)
{
    public static readonly string[] WorkQueuePriorities = ["10", "5", "1", "0"];

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

    // Tables (alphanumeric only).
    public string CatalogTable => Prefix + "catalog";
    public string JobsTable => Prefix + "jobs";
    public string JobItemsTable => Prefix + "jobitems";
    public string ClassifiedTable => Prefix + "classified";
    public string AvailabilityTable => Prefix + "availability";

    // Queues.
    public string WorkQueue(int priority) => Prefix + "work-p" + priority;
    public string RenderU64Queue => Prefix + "render-u64";
    public static string PoisonQueueOf(string queue) => queue + "-poison";

    public IEnumerable<string> Containers =>
    [
        CollectionContainer, RendersContainer, ModelsContainer, AuditContainer, JobLogsContainer,
        FeedbackContainer, StateContainer, JobTempContainer,
    ];

    public IEnumerable<string> Tables => [CatalogTable, JobsTable, JobItemsTable, ClassifiedTable, AvailabilityTable];

    public IEnumerable<string> Queues
    {
        get
        {
            foreach (string p in WorkQueuePriorities)
            {
                string q = WorkQueue(int.Parse(p, System.Globalization.CultureInfo.InvariantCulture));
                yield return q;
                yield return PoisonQueueOf(q);
            }

            yield return RenderU64Queue;
            yield return PoisonQueueOf(RenderU64Queue);
        }
    }
}
