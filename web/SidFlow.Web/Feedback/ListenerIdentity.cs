using Microsoft.JSInterop;

namespace SidFlow.Web.Feedback;

/// <summary>This browser's listener id: random, made once and kept in localStorage (the server stores it only hashed).</summary>
public sealed class ListenerIdentity(IJSRuntime js)
{
    private const string Key = "sidflow.listener";
    private string? _id;

    public string Id
    {
        get
        {
            if (_id is not null)
            {
                return _id;
            }

            var storage = (IJSInProcessRuntime)js;
            _id = storage.Invoke<string?>("localStorage.getItem", Key);
            if (string.IsNullOrEmpty(_id))
            {
                _id = $"listener-{Guid.NewGuid():N}";
                storage.InvokeVoid("localStorage.setItem", Key, _id);
            }

            return _id;
        }
    }
}
