using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Community.Web.Features.Uploads;

/// <summary>
/// <c>Uploads:S3</c> in appsettings: an S3-compatible bucket (Amazon S3, MinIO, Ceph RGW, Garage, …) shared by every
/// instance. The bucket stays private: the app reads from it and serves the images itself.
/// </summary>
public sealed record S3StoreOptions
{
    /// <summary>The endpoint, e.g. <c>https://s3.eu-central-1.amazonaws.com</c> or <c>http://127.0.0.1:9000</c> for MinIO.</summary>
    public string ServiceUrl { get; init; } = "";
    public string Bucket { get; init; } = "";
    /// <summary>The signing region (most S3-compatible servers accept <c>us-east-1</c>).</summary>
    public string Region { get; init; } = "us-east-1";
    public string AccessKey { get; init; } = "";
    public string SecretKey { get; init; } = "";
    /// <summary>Put before every object's name, so one bucket can hold several communities or other data.</summary>
    public string Prefix { get; init; } = "uploads/";
    /// <summary>Bucket in the path (<c>host/bucket/key</c>), which every S3-compatible server understands; false for virtual-host style.</summary>
    public bool ForcePathStyle { get; init; } = true;
    /// <summary>How long one attempt at a request may take (up to three attempts) before the upload or the image's delivery gives up.</summary>
    public int TimeoutSeconds { get; init; } = 15;

    /// <summary>What is missing for a usable store, or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Bucket) ? "Uploads:S3:Bucket is not set."
        : string.IsNullOrWhiteSpace(ServiceUrl) || !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            ? "Uploads:S3:ServiceUrl must be an absolute http(s) URL."
        : string.IsNullOrWhiteSpace(AccessKey) || string.IsNullOrWhiteSpace(SecretKey) ? "Uploads:S3:AccessKey and Uploads:S3:SecretKey are required."
        : null;
}

/// <summary>
/// Uploaded images in an S3-compatible bucket, for several instances without a shared folder. Objects are written
/// whole (a reader never sees half of one) with their content type and a year-long cache header; names never change
/// their bytes. A store that is down or refuses answers <see cref="UploadStoreUnavailableException"/>.
/// </summary>
public sealed class S3UploadStore : IUploadStore, IDisposable
{
    private readonly AmazonS3Client _client;
    /// <summary>For the readiness probe: one quick attempt, so a bucket that hangs makes the probe Degraded, not late.</summary>
    private readonly AmazonS3Client _probe;
    private readonly S3StoreOptions _options;
    private readonly ILogger<S3UploadStore> _log;

    public S3UploadStore(S3StoreOptions options, ILogger<S3UploadStore> log)
    {
        _log = log;
        if (options.Problem() is { } problem) throw new InvalidOperationException("The S3 upload store is not configured: " + problem);
        _options = options;
        _client = Client(options, TimeSpan.FromSeconds(options.TimeoutSeconds), retries: 2);
        _probe = Client(options, TimeSpan.FromSeconds(Math.Min(2, options.TimeoutSeconds)), retries: 0);
    }

    private static AmazonS3Client Client(S3StoreOptions options, TimeSpan timeout, int retries) =>
        new(new BasicAWSCredentials(options.AccessKey, options.SecretKey), new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            AuthenticationRegion = options.Region,
            ForcePathStyle = options.ForcePathStyle,
            Timeout = timeout,
            MaxErrorRetry = retries,
            // Checksums only where the protocol requires them: many S3-compatible servers refuse the SDK's trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    public string Bucket => _options.Bucket;

    public async Task SaveAsync(string name, byte[] content, CancellationToken ct)
    {
        var request = new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = KeyOf(name),
            InputStream = new MemoryStream(content, writable: false),
            ContentType = UploadImage.ContentType(Path.GetExtension(name)),
            AutoCloseStream = true,
        };
        request.Headers.CacheControl = "public, max-age=31536000, immutable";
        await RunAsync(() => _client.PutObjectAsync(request, ct), "write to", ct);
    }

    public async Task<Stream?> OpenAsync(string name, CancellationToken ct)
    {
        try
        {
            var response = await _client.GetObjectAsync(_options.Bucket, KeyOf(name), ct);
            return new ResponseStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (IsStoreFault(e, ct))
        {
            throw new UploadStoreUnavailableException("The S3 upload store could not be read: " + e.Message, e);
        }
    }

    public Task DeleteAsync(string name, CancellationToken ct) =>
        // S3 answers a delete of a missing object with success, as the local store does nothing.
        RunAsync(() => _client.DeleteObjectAsync(_options.Bucket, KeyOf(name), ct), "delete from", ct);

    /// <summary>For /healthz/ready: the bucket answers. The reason is public, so it is a fixed sentence; the log has the fault.</summary>
    public async Task<string?> ProblemAsync(CancellationToken ct)
    {
        try
        {
            await _probe.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _options.Prefix, MaxKeys = 1 }, ct);
            return null;
        }
        catch (Exception e) when (IsStoreFault(e, ct))
        {
            _log.LogWarning(e, "The S3 upload store (bucket {Bucket}) does not answer.", _options.Bucket);
            return "The S3 upload store does not answer; uploads and images wait for it.";
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _probe.Dispose();
    }

    /// <summary>The object's bytes; disposing it (Results.Stream does, when the image is sent) ends the S3 response too.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _inner = response.ResponseStream;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => response.ContentLength;
        public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => _inner.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => _inner.ReadAsync(buffer, offset, count, ct);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) response.Dispose();
            base.Dispose(disposing);
        }
    }

    private string KeyOf(string name) => _options.Prefix + name;

    private static async Task RunAsync(Func<Task> call, string what, CancellationToken ct)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (IsStoreFault(e, ct))
        {
            throw new UploadStoreUnavailableException($"Could not {what} the S3 upload store: {e.Message}", e);
        }
    }

    /// <summary>The store's refusal, a network fault or the SDK's own timeout; not the request being cancelled by its caller.</summary>
    private static bool IsStoreFault(Exception e, CancellationToken ct) =>
        e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);
}

/// <summary>
/// /healthz/ready includes the bucket when uploads go to S3. A bucket that does not answer makes the instance
/// <c>Degraded</c>, not unready: pages are still served (only uploads and images wait), and every instance shares the
/// bucket, so taking them out of the load balancer would take the whole community down for its pictures.
/// </summary>
public sealed class S3UploadStoreHealthCheck(S3UploadStore store) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.ProblemAsync(cancellationToken) is { } problem
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded(problem)
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
}
