namespace SidFlow.Core.Fetch;

/// <summary>Turns a configured source (mirror URL or local path; null = the configured mirror) into a source.</summary>
public interface IHvscSourceFactory
{
    IHvscSource? Create(string? source);
}
