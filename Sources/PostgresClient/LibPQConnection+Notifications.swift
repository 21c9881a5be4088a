internal import CPostgres

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LibPQConnection {
    /// Blocks until the server sends something or `milliseconds` pass; true if there is input to read.
    func waitForInput(milliseconds: Int32) throws -> Bool {
        guard let handle = liveHandle, PQsocket(handle) >= 0 else {
            throw PostgresError(.connectionFailed, "the listening connection was closed; listen again")
        }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 && errno != EINTR {
            throw PostgresError(.connectionFailed, "waiting on the PostgreSQL socket failed (errno \(errno))")
        }
        return ready > 0
    }

    /// Reads whatever the server sent and returns the notifications among it, oldest first.
    func consumeNotifications() throws -> [PostgresNotification] {
        guard let handle = liveHandle, PQconsumeInput(handle) == 1 else {
            throw PostgresError(.connectionFailed, "the listening connection to PostgreSQL broke; listen again")
        }

        var notifications: [PostgresNotification] = []
        while let notify = PQnotifies(handle) {
            // libpq allocates each notification; it is freed here after its strings are copied.
            defer { PQfreemem(notify) }
            let channel = String(cString: notify.pointee.relname)
            let payload = notify.pointee.extra.map { String(cString: $0) } ?? ""
            notifications.append(PostgresNotification(channel: channel, payload: payload))
        }
        return notifications
    }
}
