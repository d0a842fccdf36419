using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Community.Tests.Support;

/// <summary>A test that needs an S3-compatible server: skipped, with the reason, where moto's server is not installed.</summary>
public sealed class S3FactAttribute : FactAttribute
{
    public S3FactAttribute()
    {
        if (S3Server.Program is null)
            Skip = "Skipped: no S3-compatible server (moto_server) on PATH. Install moto with its server (pip install 'moto[server]') to run the S3 upload store tests.";
    }
}

/// <summary>
/// A throwaway S3-compatible server on 127.0.0.1 (moto's <c>moto_server</c>, which speaks the S3 REST protocol with
/// SigV4 signatures), on a free port, in memory, stopped at the end. Each test makes its own bucket.
/// </summary>
public sealed class S3Server : IDisposable
{
    public const string AccessKey = "community-test";
    public const string SecretKey = "community-test-secret";

    public static readonly string? Program = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "moto_server")).FirstOrDefault(File.Exists);

    private readonly Process process;

    public int Port { get; }
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public S3Server()
    {
        Port = FreePort.Next();
        process = Process.Start(new ProcessStartInfo(Program ?? throw new InvalidOperationException("moto_server is not installed."), $"-H 127.0.0.1 -p {Port}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Ready when it answers HTTP (Python needs a second or two to import; the loop only bounds a broken start).
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                http.GetAsync(ServiceUrl + "/").GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException) when (i < 600 && !process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public async Task<string> CreateBucketAsync()
    {
        var bucket = "community-" + Guid.NewGuid().ToString("N")[..12];
        using var client = Client();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }

    /// <summary>Every object's key in <paramref name="bucket"/>.</summary>
    public async Task<List<string>> KeysAsync(string bucket)
    {
        using var client = Client();
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        return (list.S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
