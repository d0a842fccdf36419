using Community.Domain;
using Community.Domain.Uploads;
using Community.Web.Infrastructure;
using SkiaSharp;

namespace Community.Web.Features.Uploads;

/// <summary>An image as it is stored: re-encoded pixels only (no EXIF, GPS or other metadata), and an inline thumbnail.</summary>
public sealed record ProcessedImage(ImageFormat Format, int Width, int Height, byte[] Full, byte[]? Thumbnail);

/// <summary>
/// Reads an upload with Skia's decoders and writes it again from its pixels. The decoder decides what the file is
/// (never its name or declared type); the size is checked from the header before a single pixel is decoded, so a
/// small file that claims 20,000 × 20,000 pixels (a decompression bomb) is refused without allocating them.
/// </summary>
public sealed class ImageProcessor(UploadOptions options)
{
    public const int AvatarSize = 256;

    /// <summary>At most two images are decoded at a time per instance: a burst of large uploads queues instead of taking every core and gigabytes.</summary>
    private readonly SemaphoreSlim _decoding = new(2);

    public async Task<ProcessedImage> ForPostAsync(byte[] data, CancellationToken ct) => await OneAtATimeAsync(() => ForPost(data), ct);

    public async Task<ProcessedImage> ForAvatarAsync(byte[] data, CancellationToken ct) => await OneAtATimeAsync(() => ForAvatar(data), ct);

    private async Task<ProcessedImage> OneAtATimeAsync(Func<ProcessedImage> work, CancellationToken ct)
    {
        await _decoding.WaitAsync(ct);
        try
        {
            return work();
        }
        finally
        {
            _decoding.Release();
        }
    }

    public ProcessedImage ForPost(byte[] data)
    {
        using var bitmap = Decode(data, out var format);
        var stored = ImageRules.StoredAs(format);
        var full = Encode(bitmap, stored);
        var (tw, th) = ImageRules.ThumbnailSize(bitmap.Width, bitmap.Height, options.ThumbnailWidth);
        byte[]? thumb = null;
        if (tw != bitmap.Width)
        {
            using var small = bitmap.Resize(new SKImageInfo(tw, th, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
            thumb = Encode(small, stored);
        }
        return new ProcessedImage(stored, bitmap.Width, bitmap.Height, full, thumb);
    }

    /// <summary>The middle square, <see cref="AvatarSize"/> pixels wide, as PNG.</summary>
    public ProcessedImage ForAvatar(byte[] data)
    {
        using var bitmap = Decode(data, out _);
        var side = Math.Min(bitmap.Width, bitmap.Height);
        using var square = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (!bitmap.ExtractSubset(square, SKRectI.Create((bitmap.Width - side) / 2, (bitmap.Height - side) / 2, side, side)))
            throw Refused(UiMessage.Saying("The image could not be read."));
        var size = Math.Min(side, AvatarSize);
        using var small = square.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        return new ProcessedImage(ImageFormat.Png, size, size, Encode(small, ImageFormat.Png), null);
    }

    private SKBitmap Decode(byte[] data, out ImageFormat format)
    {
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream);
        ImageFormat? found = codec?.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => ImageFormat.Png,
            SKEncodedImageFormat.Jpeg => ImageFormat.Jpeg,
            SKEncodedImageFormat.Webp => ImageFormat.Webp,
            SKEncodedImageFormat.Gif => ImageFormat.Gif,
            _ => null,
        };
        var (width, height) = codec is null ? (0, 0) : (codec.Info.Width, codec.Info.Height);
        if (ImageRules.Refusal(found, width, height, data.LongLength, options) is { } refusal) throw Refused(refusal);
        format = found!.Value;
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec!.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            throw Refused(UiMessage.Saying("The image could not be read."));
        }
        // A phone photo is stored sideways with an orientation tag; the tag goes with the metadata, so the pixels turn.
        return Oriented(bitmap, codec.EncodedOrigin);
    }

    private static SKBitmap Oriented(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return bitmap;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var turned = new SKBitmap(new SKImageInfo(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(turned))
        {
            var (w, h) = (bitmap.Width, bitmap.Height);
            var m = origin switch
            {
                SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
                SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
                SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
                SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
                SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
                SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
                _ => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1), // LeftBottom
            };
            canvas.SetMatrix(m);
            canvas.DrawBitmap(bitmap, 0, 0);
        }
        bitmap.Dispose();
        return turned;
    }

    private static byte[] Encode(SKBitmap bitmap, ImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = format switch
        {
            ImageFormat.Jpeg => image.Encode(SKEncodedImageFormat.Jpeg, 85),
            ImageFormat.Webp => image.Encode(SKEncodedImageFormat.Webp, 85),
            _ => image.Encode(SKEncodedImageFormat.Png, 100),
        };
        return data?.ToArray() ?? throw Refused(UiMessage.Saying("The image could not be read."));
    }

    private static ValidationFailedException Refused(UiMessage message) => ValidationFailedException.For("file", message);
}
