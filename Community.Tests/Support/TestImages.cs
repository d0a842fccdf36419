using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Community.Tests.Support;

/// <summary>Image files for upload tests, made here (Skia for real pictures, by hand for the hostile ones).</summary>
public static class TestImages
{
    public static byte[] Encoded(SKEncodedImageFormat format, int width = 40, int height = 30)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    public static byte[] Png(int width = 40, int height = 30) => Encoded(SKEncodedImageFormat.Png, width, height);

    public static byte[] Jpeg(int width = 40, int height = 30) => Encoded(SKEncodedImageFormat.Jpeg, width, height);

    public static byte[] Webp(int width = 40, int height = 30) => Encoded(SKEncodedImageFormat.Webp, width, height);

    /// <summary>A 1 × 1 GIF89a (Skia decodes GIF but does not write it).</summary>
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public const string GpsMarker = "GPS-48.2082N-16.3738E-Wohnzimmer";

    /// <summary>A JPEG with an EXIF block holding GPS coordinates and a recognisable text in its ImageDescription.</summary>
    public static byte[] JpegWithGps()
    {
        var jpeg = Jpeg();
        // TIFF (little endian): IFD0 with ImageDescription (ASCII) and the GPS IFD pointer; the GPS IFD with latitude ref and latitude.
        var description = Encoding.ASCII.GetBytes(GpsMarker + "\0");
        var tiff = new MemoryStream();
        void U16(int v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); tiff.Write(b); }
        void U32(uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); tiff.Write(b); }
        const int ifd0 = 8, ifd0Size = 2 + 2 * 12 + 4, gpsIfd = ifd0 + ifd0Size, gpsSize = 2 + 2 * 12 + 4;
        var descOffset = gpsIfd + gpsSize;
        var latOffset = descOffset + description.Length;
        tiff.Write("II"u8); U16(42); U32(ifd0);
        U16(2);
        U16(0x010E); U16(2); U32((uint)description.Length); U32((uint)descOffset);   // ImageDescription
        U16(0x8825); U16(4); U32(1); U32(gpsIfd);                                    // GPSInfo
        U32(0);
        U16(2);
        U16(0x0001); U16(2); U32(2); tiff.Write("N\0\0\0"u8);                          // GPSLatitudeRef
        U16(0x0002); U16(5); U32(3); U32((uint)latOffset);                           // GPSLatitude
        U32(0);
        tiff.Write(description);
        foreach (var (n, d) in new[] { (48u, 1u), (12u, 1u), (2952u, 100u) }) { U32(n); U32(d); }
        var exif = Encoding.ASCII.GetBytes("Exif\0\0").Concat(tiff.ToArray()).ToArray();
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF; segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(exif.Length + 2));
        exif.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A PNG whose header claims <paramref name="width"/> × <paramref name="height"/> pixels, with a tiny compressed body (a decompression bomb).</summary>
    public static byte[] PngBomb(int width = 20_000, int height = 20_000)
    {
        var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; header[9] = 2;   // 8-bit RGB
        Chunk(output, "IHDR", header);
        var zeros = new MemoryStream();
        using (var z = new ZLibStream(zeros, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(new byte[1 + width * 3]);
        Chunk(output, "IDAT", zeros.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    public static MultipartFormDataContent Form(byte[] file, string fileName = "photo.png", string contentType = "image/png", string field = "file")
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(part, field, fileName);
        return content;
    }
}

public static class AvatarUploads
{
    /// <summary>Sends a file as the person's picture through the settings form, as the browser does.</summary>
    public static async Task<HttpResponseMessage> SetAvatarAsync(this HttpClient client, byte[] file, string fileName = "me.png", string contentType = "image/png")
    {
        var form = TestImages.Form(file, fileName, contentType, "avatar");
        form.Add(new StringContent(await client.PageTokenAsync("/account/settings")), "__RequestVerificationToken");
        return await client.PostAsync("/account/settings?handler=Avatar", form);
    }
}
