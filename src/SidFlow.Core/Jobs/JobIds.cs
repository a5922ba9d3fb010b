using System.Text.RegularExpressions;

namespace SidFlow.Core.Jobs;

public static partial class JobIds
{
    /// <summary>
    /// Ids are <c>type-yyyyMMdd-HHmmss[-n]</c>, and a pipeline's stages <c>{pipelineId}-s{n}</c>; anything else
    /// (a path, '..') is refused before storage sees it.
    /// </summary>
    public static bool IsWellFormed(string? id) => id is not null && WellFormed().IsMatch(id);

    [GeneratedRegex("^[a-z][a-z0-9]{0,30}-[0-9]{8}-[0-9]{6}(-[0-9]{1,4})?(-s[0-9]{1,2})?$")]
    private static partial Regex WellFormed();
}
