namespace SidFlow.Core.Collection;

public sealed record ImportProgress(int Processed, int Total, int Uploaded, string CurrentPath);
