namespace Chaos.Bench;

/// <summary>How the bench's journey sends its GET.</summary>
internal enum JourneyClient
{
    /// <summary>An <see cref="HttpMessageInvoker"/> straight over the SocketsHttpHandler: no per-request timeout source.</summary>
    Invoker,

    /// <summary>An <see cref="HttpClient"/> with a 10 s timeout over the same handler, as the storefront journeys use.</summary>
    HttpClient,
}
