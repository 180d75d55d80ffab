namespace Chaos.Engine.Systems.Templates;

/// <summary>What one part of a parsed template renders.</summary>
internal enum TemplatePartKind
{
    /// <summary>Text as written.</summary>
    Literal,

    /// <summary><c>{{run.id}}</c>.</summary>
    RunId,

    /// <summary><c>{{user.id}}</c>.</summary>
    UserId,

    /// <summary><c>{{journey.id}}</c>.</summary>
    JourneyId,

    /// <summary><c>{{uuid}}</c>: a fresh UUID per use.</summary>
    Uuid,

    /// <summary><c>{{random.int(min,max)}}</c>: a whole number in [min, max], fresh per use.</summary>
    RandomInt,

    /// <summary><c>{{capture.name}}</c>: a value captured by an earlier step.</summary>
    Capture,
}

/// <summary>One part of a parsed template.</summary>
/// <param name="Kind">What it renders.</param>
/// <param name="Text">The literal text, or the capture's name.</param>
/// <param name="A">The lower bound of <see cref="TemplatePartKind.RandomInt"/>, or the slot of <see cref="TemplatePartKind.Capture"/>.</param>
/// <param name="B">The upper bound of <see cref="TemplatePartKind.RandomInt"/>.</param>
internal readonly record struct TemplatePart(TemplatePartKind Kind, string Text = "", int A = 0, int B = 0);
