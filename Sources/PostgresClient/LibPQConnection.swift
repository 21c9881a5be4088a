internal import CPostgres
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owns one libpq `PGconn`; every method blocks, so only the owning connection's serial queue calls them.
///
/// `PQconnectdb` allocates the handle even when the login fails; `init` frees it then, `deinit` otherwise.
final class LibPQConnection {
    private var handle: OpaquePointer?

    /// Opens a session and selects the text formats the decoders expect.
    init(connectionString: String) throws {
        guard let handle = PQconnectdb(connectionString) else {
            throw PostgresError(
                .connectionFailed, "libpq could not allocate a connection; the process is out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(handle))
            PQfinish(handle)
            throw PostgresError(
                .connectionFailed,
                "could not connect to PostgreSQL: \(message); check the connection string's host, user and dbname")
        }
        self.handle = handle
        // Server notices (NOTICE, and the FATAL a session gets when the server shuts down) would otherwise go to
        // standard error unstructured; Haven's own errors and logs carry what matters.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try executeScript(
            "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET bytea_output = 'hex'; "
                + "SET client_encoding = 'UTF8'; SET extra_float_digits = 1")
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Closes the session now rather than when the last reference goes.
    func finish() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Whether the session is open and its socket is sound.
    var isConnected: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// The session's transaction state as a value the pool can act on.
    var transactionState: TransactionState {
        guard let handle else { return .unknown }
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .failedTransaction
        default: return .unknown
        }
    }

    /// The server process serving this session, for tests and logs.
    var backendProcessID: Int32 {
        guard let handle else { return 0 }
        return PQbackendPID(handle)
    }

    /// Runs one statement with its parameters sent apart from the SQL text; rows come back in text format.
    func execute(_ sql: String, _ values: [PostgresValue]) throws -> LibPQResult {
        let handle = try openHandle(sql)
        try Self.refuseNULBytes(in: values, sql: sql)

        let buffers = ParameterBuffers(values)
        defer { buffers.deallocate() }
        let result = PQexecParams(
            handle, sql, Int32(values.count), values.map { Oid($0.typeOID) }, buffers.pointers,
            values.map { Int32($0.bytes?.count ?? 0) }, values.map { $0.format == .binary ? 1 : 0 }, 0)
        defer { PQclear(result) }
        return try read(result, sql: sql, values: values)
    }

    /// Runs SQL text that may hold several statements and no parameters, such as a migration file.
    func executeScript(_ sql: String) throws {
        let handle = try openHandle(sql)
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        _ = try read(result, sql: sql, values: [])
    }

    /// The open handle, or nil once the session was finished.
    var liveHandle: OpaquePointer? { handle }

    private func openHandle(_ sql: String) throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(.connectionFailed, "the connection was closed; use a new one", query: sql)
        }
        return handle
    }

    private static func refuseNULBytes(in values: [PostgresValue], sql: String) throws {
        // libpq reads text parameters up to the first NUL, so such a value would arrive silently cut short.
        for (index, value) in values.enumerated() where value.format == .text && value.bytes?.contains(0) == true {
            throw PostgresError(
                .invalidArgument,
                "parameter $\(index + 1) contains a NUL byte, which PostgreSQL text cannot hold; "
                    + "send it as Data (bytea)",
                query: sql)
        }
    }

    /// Copies rows out of `result`, or turns a failed result into an error without parameter values.
    private func read(_ result: OpaquePointer?, sql: String, values: [PostgresValue]) throws -> LibPQResult {
        guard let result else {
            throw PostgresError(.connectionFailed, connectionMessage(), query: sql)
        }

        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return LibPQResult(copying: result)
        default:
            throw serverError(result, sql: sql, values: values)
        }
    }

    private func serverError(_ result: OpaquePointer, sql: String, values: [PostgresValue]) -> PostgresError {
        let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        guard let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))) else {
            return PostgresError(.connectionFailed, connectionMessage(), sqlState: sqlState, query: sql)
        }
        // DETAIL is dropped on purpose: it echoes key values, for instance in unique violations.
        let message = ParameterMasking.mask(String(cString: primary), values: values)
        return PostgresError(.server, message, sqlState: sqlState, query: sql)
    }

    private func connectionMessage() -> String {
        let message = handle.map { Self.trimmed(PQerrorMessage($0)) } ?? ""
        return message.isEmpty ? "the connection to PostgreSQL failed" : message
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension LibPQConnection {
    /// Where a session stands with respect to transactions, as libpq reports it between statements.
    enum TransactionState: Sendable {
        case idle
        case inTransaction
        case failedTransaction
        case unknown
    }
}
