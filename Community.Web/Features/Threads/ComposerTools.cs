namespace Community.Web.Features.Threads;

/// <summary>The composer's extras next to a Markdown textarea (Features/Threads/_ComposerTools.cshtml); the script that drives them is wwwroot/js/composer.js.</summary>
/// <param name="DraftRestored">The textarea holds a saved draft; the page says so and offers to discard it.</param>
public sealed record ComposerTools(string TextareaId, bool DraftRestored = false);
