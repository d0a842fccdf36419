namespace Community.Web.Infrastructure.Localization;

/// <summary>
/// Names the one resource file pair of the UI: SharedResource.resx (English, the keys) and SharedResource.de.resx.
/// Keys are the English texts, so a missing German entry still shows readable English.
/// </summary>
public sealed class SharedResource;
