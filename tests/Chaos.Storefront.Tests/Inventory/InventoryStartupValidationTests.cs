using Chaos.Storefront.Fulfillment;
using Chaos.Storefront.Inventory;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Tests.Inventory;

public sealed class InventoryStartupValidationTests
{
    [Fact]
    public void Startup_WhenAHostNamesNoCentre_FailsNamingTheHostsKeyAndTheCentres()
    {
        var failure = Should.Throw<Exception>(() => StorefrontHarness.StartAndDispose(new()
        {
            ["Fulfillment:Hosts:0:Name"] = "fc-1",
            ["Fulfillment:Hosts:0:BaseUrl"] = "http://127.0.0.1:1/",
            ["Fulfillment:Hosts:0:Centre"] = "secondary",
        }));

        Flatten(failure).ShouldContain("Fulfillment:Hosts:0:Centre (secondary) names no centre of Inventory:Centres (configured: primary, backup); name one of them, or leave it out for the first.");
    }

    [Fact]
    public void Validate_WithSeveralMistakes_ReportsEveryOneNamingItsKey()
    {
        var options = new InventoryOptions
        {
            Centres =
            [
                new FulfillmentCentreOptions { Name = "Primary", DefaultStock = -1 },
                new FulfillmentCentreOptions { Name = "", Stock = new() { ["sku-999"] = 5, ["sku-001"] = -2 } },
            ],
        };

        var result = new InventoryOptionsValidator(Options.Create(new FulfillmentOptions())).Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldBe(
        [
            "Inventory:Centres:0:Name (Primary) may hold only lower-case letters, digits and '-'; use a name such as primary.",
            "Inventory:Centres:0:DefaultStock (-1) is negative; use 0 to stock only the SKUs named under Stock.",
            "Inventory:Centres:1:Name is missing; give every centre a unique name such as primary or backup.",
            "Inventory:Centres:1:Stock:sku-999 names no product of the catalog; use a SKU from sku-001 to sku-020, or remove it.",
            "Inventory:Centres:1:Stock:sku-001 (-2) is negative; use 0 for none.",
        ]);
    }

    [Fact]
    public void Validate_NoCentre_SaysHowToConfigureOne()
    {
        var result = new InventoryOptionsValidator(Options.Create(new FulfillmentOptions())).Validate(null, new InventoryOptions());

        result.Failures.ShouldHaveSingleItem().ShouldBe("Inventory:Centres is empty; configure at least one fulfillment centre, for example Inventory:Centres:0:Name=primary and Inventory:Centres:0:DefaultStock=1000000.");
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
