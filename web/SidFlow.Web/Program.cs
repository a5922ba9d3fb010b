using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using SidFlow.Web;
using SidFlow.Web.Admin;
using SidFlow.Web.Api;
using SidFlow.Web.Feedback;
using SidFlow.Web.Playback;

WebAssemblyHostBuilder builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<PublicApi>();
builder.Services.AddScoped<AdminSession>();
builder.Services.AddScoped<AdminApi>();
builder.Services.AddScoped<ListenerIdentity>();
builder.Services.AddScoped<FeedbackQueue>();
builder.Services.AddScoped<BrowserSidPlayer>();

await builder.Build().RunAsync();
