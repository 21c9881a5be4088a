internal import CPostgres

/// The rows and affected-row count of one statement, copied out of a `PGresult` before libpq frees it.
struct LibPQResult: Sendable {
    var rows: [PostgresRow]
    var affectedRows: Int

    init(copying result: OpaquePointer) {
        let columnCount = PQnfields(result)
        let names = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let types = (0..<columnCount).map { UInt32(PQftype(result, $0)) }
        let columns = PostgresColumns(names: names, typeOIDs: types)

        rows = (0..<PQntuples(result)).map { row in
            let values = (0..<columnCount).map { column -> [UInt8]? in
                if PQgetisnull(result, row, column) == 1 { return nil }
                let length = Int(PQgetlength(result, row, column))
                return PQgetvalue(result, row, column).withMemoryRebound(to: UInt8.self, capacity: length) {
                    Array(UnsafeBufferPointer(start: $0, count: length))
                }
            }
            return PostgresRow(columns: columns, values: values)
        }
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }
}
