using Chaos.Storefront;

StorefrontApp.Create(args).Run();
