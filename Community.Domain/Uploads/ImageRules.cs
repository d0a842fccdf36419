namespace Community.Domain.Uploads;

/// <summary>The image formats the community takes. Anything else (SVG, executables renamed to .png, PDFs) is refused.</summary>
public enum ImageFormat { Png, Jpeg, Webp, Gif }

/// <summary>Limits for uploaded images, bound from <c>Uploads</c> in appsettings; the defaults are here.</summary>
public sealed record UploadOptions
{
    /// <summary>The largest file taken, before re-encoding.</summary>
    public long MaxBytes { get; init; } = 8 * 1024 * 1024;
    public int MaxWidth { get; init; } = 6000;
    public int MaxHeight { get; init; } = 6000;
    /// <summary>Width times height: a small file that decodes to a huge bitmap (a decompression bomb) stops here, before decoding.</summary>
    public long MaxPixels { get; init; } = 24_000_000;
    /// <summary>Per person and 24 hours.</summary>
    public long DailyQuotaBytes { get; init; } = 40 * 1024 * 1024;
    public int DailyCount { get; init; } = 60;
    /// <summary>The width of the inline picture; a click opens the full image.</summary>
    public int ThumbnailWidth { get; init; } = 800;
    /// <summary>An upload no saved post shows (and no draft holds) after this many hours is removed with its files.</summary>
    public int UnusedHours { get; init; } = 48;
    /// <summary>Where the local store keeps files; empty means the data folder next to the database.</summary>
    public string Directory { get; init; } = "";
}

/// <summary>What makes an upload acceptable, decided from what the decoder read, never from the file's name or declared type.</summary>
public static class ImageRules
{
    public static UiMessage? Refusal(ImageFormat? format, int width, int height, long bytes, UploadOptions options)
    {
        if (bytes == 0) return UiMessage.Saying("The file is empty.");
        if (bytes > options.MaxBytes)
            return UiMessage.Saying("The image is too large: at most {0:N0} MB.", options.MaxBytes / (1024 * 1024));
        if (format is null) return UiMessage.Saying("The file is not a PNG, JPEG, WebP or GIF image.");
        if (width <= 0 || height <= 0) return UiMessage.Saying("The image could not be read.");
        if (width > options.MaxWidth || height > options.MaxHeight || (long)width * height > options.MaxPixels)
            return UiMessage.Saying("The image is {0} × {1} pixels; at most {2} × {3} are taken.", width, height, options.MaxWidth, options.MaxHeight);
        return null;
    }

    /// <summary>Today's uploads plus this one must fit the person's quota.</summary>
    public static UiMessage? QuotaRefusal(long usedBytes, int usedCount, long bytes, UploadOptions options)
    {
        if (usedCount >= options.DailyCount)
            return UiMessage.Saying("You uploaded {0} images in the last 24 hours, the most allowed; try again tomorrow.", usedCount);
        if (usedBytes + bytes > options.DailyQuotaBytes)
            return UiMessage.Saying("This image would exceed your upload quota of {0:N0} MB per 24 hours.", options.DailyQuotaBytes / (1024 * 1024));
        return null;
    }

    /// <summary>The size of the inline picture: at most <see cref="UploadOptions.ThumbnailWidth"/> wide, the aspect kept.</summary>
    public static (int Width, int Height) ThumbnailSize(int width, int height, int maxWidth) =>
        width <= maxWidth ? (width, height) : (maxWidth, Math.Max(1, (int)Math.Round((double)height * maxWidth / width)));

    /// <summary>What is written back: photos stay JPEG, WebP stays WebP, screenshots and GIFs become PNG (the first frame).</summary>
    public static ImageFormat StoredAs(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => ImageFormat.Jpeg,
        ImageFormat.Webp => ImageFormat.Webp,
        _ => ImageFormat.Png,
    };

    public static string Extension(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpg",
        ImageFormat.Webp => "webp",
        ImageFormat.Gif => "gif",
        _ => "png",
    };
}
