using Microsoft.JSInterop;

namespace SidFlow.Web.Admin;

/// <summary>
/// The admin token, entered once per browser session: held in memory and in sessionStorage (gone when the tab
/// closes), never in a cookie or localStorage.
/// </summary>
public sealed class AdminSession(IJSRuntime js)
{
    private const string Key = "sidflow.adminToken";
    private string? _token;
    private bool _loaded;

    public event Action? Changed;

    public string? Token
    {
        get
        {
            if (!_loaded)
            {
                _loaded = true;
                _token = ((IJSInProcessRuntime)js).Invoke<string?>("sessionStorage.getItem", Key);
            }

            return _token;
        }
    }

    public bool SignedIn => !string.IsNullOrEmpty(Token);

    public void SignIn(string token)
    {
        _token = token.Trim();
        _loaded = true;
        ((IJSInProcessRuntime)js).InvokeVoid("sessionStorage.setItem", Key, _token);
        Changed?.Invoke();
    }

    public void SignOut()
    {
        _token = null;
        _loaded = true;
        ((IJSInProcessRuntime)js).InvokeVoid("sessionStorage.removeItem", Key);
        Changed?.Invoke();
    }
}
