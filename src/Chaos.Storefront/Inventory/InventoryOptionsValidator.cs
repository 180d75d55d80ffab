using System.Globalization;
using Chaos.Storefront.Catalog;
using Chaos.Storefront.Fulfillment;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Inventory;

/// <summary>
/// Validates <see cref="InventoryOptions"/> at start-up, with the centres the fulfillment hosts name, and reports every
/// error at once, each naming its configuration key and saying how to fix it.
/// </summary>
internal sealed class InventoryOptionsValidator(IOptions<FulfillmentOptions> fulfillment) : IValidateOptions<InventoryOptions>
{
    public ValidateOptionsResult Validate(string? name, InventoryOptions options)
    {
        var errors = new List<string>();
        const string section = InventoryOptions.SectionName;
        if (options.Centres.Count == 0)
        {
            errors.Add($"{section}:Centres is empty; configure at least one fulfillment centre, for example {section}:Centres:0:Name=primary and {section}:Centres:0:DefaultStock=1000000.");
        }

        var skus = ProductCatalog.Seed.Select(p => p.Sku).ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Centres.Count; i++)
        {
            var key = $"{section}:Centres:{i.ToString(CultureInfo.InvariantCulture)}";
            var centre = options.Centres[i];
            if (string.IsNullOrWhiteSpace(centre.Name))
            {
                errors.Add($"{key}:Name is missing; give every centre a unique name such as primary or backup.");
            }
            else if (!centre.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                errors.Add($"{key}:Name ({centre.Name}) may hold only lower-case letters, digits and '-'; use a name such as primary.");
            }
            else if (!names.Add(centre.Name))
            {
                errors.Add($"{key}:Name ({centre.Name}) is used by another centre; give every centre a unique name.");
            }

            if (centre.DefaultStock < 0)
            {
                errors.Add($"{key}:DefaultStock ({centre.DefaultStock}) is negative; use 0 to stock only the SKUs named under Stock.");
            }

            foreach (var (sku, units) in centre.Stock)
            {
                if (!skus.Contains(sku))
                {
                    errors.Add($"{key}:Stock:{sku} names no product of the catalog; use a SKU from sku-001 to sku-{skus.Count:000}, or remove it.");
                }

                if (units < 0)
                {
                    errors.Add($"{key}:Stock:{sku} ({units}) is negative; use 0 for none.");
                }
            }
        }

        CheckHostCentres(errors, names);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void CheckHostCentres(List<string> errors, HashSet<string> centres)
    {
        FulfillmentOptions hosts;
        try
        {
            hosts = fulfillment.Value;
        }
        catch (OptionsValidationException)
        {
            // The fulfillment section reports its own errors.
            return;
        }

        for (var i = 0; i < hosts.Hosts.Count; i++)
        {
            if (hosts.Hosts[i].Centre is { } centre && !centres.Contains(centre))
            {
                var known = centres.Count == 0 ? "none is configured" : "configured: " + string.Join(", ", centres);
                errors.Add($"{FulfillmentOptions.SectionName}:Hosts:{i.ToString(CultureInfo.InvariantCulture)}:Centre ({centre}) names no centre of {InventoryOptions.SectionName}:Centres ({known}); name one of them, or leave it out for the first.");
            }
        }
    }
}
