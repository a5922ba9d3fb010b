namespace SidFlow.Core.Operations;

/// <summary>A component that <c>GET /api/health</c> reports on.</summary>
public interface IComponentCheck
{
    string Name { get; }

    Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken);
}
