using System.Globalization;
using System.Text;

namespace Chaos.Engine.Systems.Templates;

/// <summary>
/// A text with values such as <c>{{user.id}}</c>, <c>{{uuid}}</c>, <c>{{random.int(1,100)}}</c> or
/// <c>{{capture.id}}</c>, parsed once when the system file is loaded (by <see cref="TemplateParser"/>) into parts, so
/// that rendering it per request only appends.
/// </summary>
public sealed class Template
{
    [ThreadStatic]
    private static StringBuilder? s_builder;

    private readonly TemplatePart[] _parts;

    internal Template(string text, TemplatePart[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>Gets the template as written.</summary>
    public string Text { get; }

    /// <summary>Gets whether the template has no values: it renders as <see cref="Text"/>.</summary>
    public bool IsLiteral => _parts.Length == 0 || (_parts.Length == 1 && _parts[0].Kind == TemplatePartKind.Literal);

    /// <summary>Gets whether the template is one whole-number value alone (<c>{{user.id}}</c> or <c>{{random.int(a,b)}}</c>), which a JSON body writes as a number.</summary>
    public bool IsWholeNumber => _parts.Length == 1 && _parts[0].Kind is TemplatePartKind.UserId or TemplatePartKind.RandomInt;

    internal IReadOnlyList<TemplatePart> Parts => _parts;

    /// <summary>Renders the template for one use: each <c>{{uuid}}</c> and <c>{{random.int}}</c> draws anew from the scope's random source.</summary>
    /// <param name="scope">The journey run's values.</param>
    /// <returns>The text.</returns>
    public string Render(TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (IsLiteral)
        {
            return Text;
        }

        if (_parts.Length == 1)
        {
            return RenderOne(_parts[0], scope);
        }

        var builder = s_builder ?? new StringBuilder(128);
        s_builder = null;
        builder.Clear();
        foreach (var part in _parts)
        {
            Append(builder, part, scope);
        }

        var text = builder.ToString();
        if (builder.Capacity <= 4096)
        {
            s_builder = builder;
        }

        return text;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Renders a template for which <see cref="IsWholeNumber"/> holds as a number.</summary>
    internal long RenderWholeNumber(TemplateScope scope) =>
        _parts[0].Kind == TemplatePartKind.UserId ? scope.UserId : NextInt(_parts[0], scope);

    private static string RenderOne(TemplatePart part, TemplateScope scope) => part.Kind switch
    {
        TemplatePartKind.Literal => part.Text,
        TemplatePartKind.RunId => scope.RunId,
        TemplatePartKind.UserId => scope.UserId.ToString(CultureInfo.InvariantCulture),
        TemplatePartKind.JourneyId => scope.JourneyId,
        TemplatePartKind.Uuid => scope.NextUuid().ToString("D"),
        TemplatePartKind.RandomInt => NextInt(part, scope).ToString(CultureInfo.InvariantCulture),
        TemplatePartKind.Capture => scope.Captured(part.A) ?? "",
        _ => throw new InvalidOperationException($"Unknown template part {part.Kind}."),
    };

    private static void Append(StringBuilder builder, TemplatePart part, TemplateScope scope)
    {
        switch (part.Kind)
        {
            case TemplatePartKind.Literal:
                builder.Append(part.Text);
                break;
            case TemplatePartKind.UserId:
                builder.Append(scope.UserId);
                break;
            case TemplatePartKind.RandomInt:
                builder.Append(NextInt(part, scope));
                break;
            case TemplatePartKind.Uuid:
                Span<char> uuid = stackalloc char[36];
                scope.NextUuid().TryFormat(uuid, out _, "D");
                builder.Append(uuid);
                break;
            default:
                builder.Append(RenderOne(part, scope));
                break;
        }
    }

    // Inclusive bounds as written ({{random.int(1,100)}} can give 100); long arithmetic so int.MaxValue is allowed.
    private static long NextInt(TemplatePart part, TemplateScope scope) => scope.Random.NextInt64(part.A, (long)part.B + 1);
}
