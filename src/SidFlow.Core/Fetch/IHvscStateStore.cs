using SidFlow.Core.Hvsc.Update;

namespace SidFlow.Core.Fetch;

/// <summary>The fetch's own state: the version record, the plan being applied and its staged file contents.</summary>
public interface IHvscStateStore
{
    Task<HvscVersionRecord?> ReadVersionAsync(CancellationToken cancellationToken);

    Task WriteVersionAsync(HvscVersionRecord record, CancellationToken cancellationToken);

    Task<FetchPlan?> ReadPlanAsync(CancellationToken cancellationToken);

    Task WritePlanAsync(FetchPlan plan, CancellationToken cancellationToken);

    /// <summary>Removes the plan and everything staged for it.</summary>
    Task DeletePlanAsync(string planId, CancellationToken cancellationToken);

    /// <summary>Removes what was staged for a plan that was never written (planning failed).</summary>
    Task DeleteStagingAsync(string planId, CancellationToken cancellationToken);

    /// <summary>Stores bytes under the plan, named by their MD5 (the same content is stored once).</summary>
    Task<StagedContent> StageAsync(string planId, byte[] bytes, CancellationToken cancellationToken);

    Task<byte[]> ReadStagedAsync(string blob, CancellationToken cancellationToken);
}
