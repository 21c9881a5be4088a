/// Asks libcurl to sign a request with AWS Signature Version 4, as S3-compatible object stores require.
public struct AWSSignature: Sendable {
    /// The access key ID.
    public var accessKeyID: String
    /// The secret access key; it signs the request and is never sent.
    public var secretAccessKey: String
    /// The region, such as `us-east-1`.
    public var region: String
    /// The service, `s3` for object stores.
    public var service: String

    /// Makes a signature request; the region defaults to `us-east-1` and the service to `s3`.
    public init(accessKeyID: String, secretAccessKey: String, region: String = "us-east-1", service: String = "s3") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    /// curl's `CURLOPT_AWS_SIGV4` parameter: provider, region and service.
    var curlParameter: String { "aws:amz:\(region):\(service)" }
}
