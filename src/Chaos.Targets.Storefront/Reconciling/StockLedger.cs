using Chaos.Engine.Faults;

namespace Chaos.Targets.Storefront;

/// <summary>What <c>noOversell</c> reconciles the fulfillment hosts' shipment journals against.</summary>
/// <param name="Centres">The storefront's centres with their stock and reserved units; null when it reported none.</param>
/// <param name="Hosts">
/// The fulfillment hosts with their tags: a host's <c>centre</c> tag says which centre's units it ships. A host without
/// the tag counts for the centre the storefront assigns it to.
/// </param>
public sealed record StockLedger(IReadOnlyList<StorefrontCentre>? Centres, IReadOnlyList<DependencyTarget> Hosts);
