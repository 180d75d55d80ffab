using Chaos.Storefront.Inventory;
using Chaos.Storefront.Resilience;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Fulfillment;

/// <summary>
/// Every <see cref="FulfillmentOptions.DispatchInterval"/>, sends due shipments from the outbox to the pool, oldest
/// first. A definitive failure ejects the host and offers the shipment to the next healthy one; an unknown outcome ejects
/// the host and pins the shipment to it, and the next pass looks it up there before anything else, so a shipment is
/// never created twice. With <see cref="FulfillmentOptions.PinHostBeforeSend"/> the pin is written before every call, so a
/// crash during a call is an unknown outcome too. While every host is ejected, shipments stay in the outbox until the first host's ejection ends.
/// </summary>
internal sealed partial class ShipmentDispatcher(
    ShipmentStore shipments,
    FulfillmentHostPool pool,
    FulfillmentCentres centres,
    FulfillmentClient client,
    IOptions<FulfillmentOptions> options,
    TimeProvider time,
    ILogger<ShipmentDispatcher> logger) : BackgroundService
{
    private readonly FulfillmentOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (pool.Hosts.Count == 0)
        {
            LogNoHosts();
        }

        // Shipments not sent when the host stops stay in the outbox and go out after the restart.
        await PeriodicWork.RunAsync(settings.DispatchInterval, time, DispatchAsync, LogTickFailed, stoppingToken);
    }

    /// <summary>Sends one batch of due shipments.</summary>
    internal async Task DispatchAsync(CancellationToken cancellationToken)
    {
        var due = await shipments.ListDueAsync(time.GetUtcNow(), settings.BatchSize, cancellationToken);
        var dispatched = 0;
        foreach (var shipment in due)
        {
            if (!pool.AnyAvailable)
            {
                // Nothing was tried, so nothing counts as an attempt; the rest of the batch stays due.
                break;
            }

            if (await DispatchOneAsync(shipment, cancellationToken))
            {
                dispatched++;
            }
        }

        if (dispatched > 0)
        {
            LogDispatched(dispatched);
        }
    }

    private async Task<bool> DispatchOneAsync(OutboxShipment shipment, CancellationToken cancellationToken)
    {
        FulfillmentHost? preferred = null;
        if (shipment.PinnedHost is { } pinnedName)
        {
            if (pool.Find(pinnedName) is not { } pinned)
            {
                // The host left the configuration; only it can say whether it shipped, so the shipment waits for it.
                LogPinnedHostMissing(shipment.ShipmentKey, pinnedName);
                await shipments.RescheduleAsync(shipment.ShipmentKey, pinnedName, failed: false, time.GetUtcNow() + settings.MaxRetryDelay, $"pinned host {pinnedName} is not configured", cancellationToken);
                return false;
            }

            if (!pinned.IsAvailable)
            {
                await shipments.RescheduleAsync(shipment.ShipmentKey, pinnedName, failed: false, pinned.EjectedUntil ?? time.GetUtcNow(), null, cancellationToken);
                return false;
            }

            switch (await client.LookupAsync(pinned, shipment.ShipmentKey, cancellationToken))
            {
                case KeyLookupResult.Found found:
                    pinned.RecordSuccess();
                    return await MarkDispatchedAsync(shipment, pinned, found.Id, cancellationToken);

                case KeyLookupResult.Failed failed:
                    Eject(pinned, failed.Reason);
                    await shipments.RescheduleAsync(shipment.ShipmentKey, pinnedName, failed: true, NextAttempt(shipment), $"lookup on {pinnedName}: {failed.Reason}", cancellationToken);
                    return false;

                default:
                    // Not there: no longer pinned. The same host is asked first, since its key check also covers a
                    // request that is still on its way to it.
                    pinned.RecordSuccess();
                    preferred = pinned;
                    break;
            }
        }

        // Only the hosts of the order's centre: the units were reserved there, and no other centre holds them.
        var candidates = pool.Candidates(preferred, host => centres.Ships(shipment.Centre, host));
        if (candidates.Count == 0)
        {
            await shipments.RescheduleAsync(shipment.ShipmentKey, null, failed: false, centres.Find(shipment.Centre)?.EarliestReturn ?? time.GetUtcNow(), null, cancellationToken);
            return false;
        }

        var items = await shipments.ReadItemsAsync(shipment.OrderId, cancellationToken);
        var errors = new List<string>();
        foreach (var host in candidates)
        {
            if (settings.PinHostBeforeSend)
            {
                // Durable before the call: a crash mid-call leaves the pin, and the next pass (in this process or after a
                // restart) looks the shipment up there instead of sending it to another host. A definitive failure of
                // this host re-pins to the next candidate here, before that one is called.
                await shipments.PinAsync(shipment.ShipmentKey, host.Name, cancellationToken);
            }

            switch (await client.ShipAsync(host, shipment, items, cancellationToken))
            {
                case WriteResult.Done shipped:
                    host.RecordSuccess();
                    if (errors.Count > 0)
                    {
                        // An earlier host of this pass failed it: the shipment moved (counted for the harness's /status).
                        pool.RecordFailover();
                    }

                    return await MarkDispatchedAsync(shipment, host, shipped.Id, cancellationToken);

                case WriteResult.Unknown unknown:
                    Eject(host, unknown.Reason);
                    LogUnknownOutcome(shipment.ShipmentKey, host.Name, unknown.Reason);
                    await shipments.RescheduleAsync(shipment.ShipmentKey, host.Name, failed: true, time.GetUtcNow(), $"{host.Name}: {unknown.Reason}", cancellationToken);
                    return false;

                case WriteResult.Failed failed:
                    Eject(host, failed.Reason);
                    errors.Add($"{host.Name}: {failed.Reason}");
                    break;
            }
        }

        await shipments.RescheduleAsync(shipment.ShipmentKey, null, failed: true, NextAttempt(shipment), string.Join("; ", errors), cancellationToken);
        return false;
    }

    private async Task<bool> MarkDispatchedAsync(OutboxShipment shipment, FulfillmentHost host, string shipmentId, CancellationToken cancellationToken) =>
        await shipments.MarkDispatchedAsync(shipment.ShipmentKey, host.Name, shipmentId, time.GetUtcNow(), cancellationToken);

    private void Eject(FulfillmentHost host, string reason)
    {
        if (host.Eject(settings.EjectionDuration))
        {
            LogHostEjected(host.DependencyName, reason, settings.EjectionDuration);
        }
    }

    /// <summary>Exponential backoff from <see cref="FulfillmentOptions.RetryDelay"/>, capped at <see cref="FulfillmentOptions.MaxRetryDelay"/>.</summary>
    private DateTimeOffset NextAttempt(OutboxShipment shipment)
    {
        var exponent = Math.Min(shipment.Attempts, 20);
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryDelay.Ticks * Math.Pow(2, exponent), settings.MaxRetryDelay.Ticks));
        return time.GetUtcNow() + delay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatched {Count} shipments.")]
    private partial void LogDispatched(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Dependency} ejected for {EjectionDuration}: {Reason}.")]
    private partial void LogHostEjected(string dependency, string reason, TimeSpan ejectionDuration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipment {ShipmentKey}: outcome on {Host} is unknown ({Reason}); pinned to {Host} until it answers a lookup.")]
    private partial void LogUnknownOutcome(string shipmentKey, string host, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shipment {ShipmentKey} is pinned to {Host}, which is no longer configured; it waits until the host is configured again.")]
    private partial void LogPinnedHostMissing(string shipmentKey, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No fulfillment hosts are configured (Fulfillment:Hosts); paid orders wait in the outbox.")]
    private partial void LogNoHosts();

    [LoggerMessage(Level = LogLevel.Error, Message = "The shipment dispatch pass failed; it runs again at the next interval.")]
    private partial void LogTickFailed(Exception exception);
}
