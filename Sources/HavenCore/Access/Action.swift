/// Everything a request can ask Haven to do; each request is decided for exactly one action.
public enum Action: String, Sendable, Codable, CaseIterable {
    case userCreate = "user.create"
    case userList = "user.list"
    case projectCreate = "project.create"
    case projectRead = "project.read"
    case memberAdd = "project.member.add"
    case storageCreate = "storage.create"
    case poolCreate = "pool.create"
    case poolList = "pool.list"
    case dataRead = "data.read"
    case dataWrite = "data.write"
    case dataList = "data.list"
    case jobSubmit = "job.submit"
    case jobRead = "job.read"
    case jobReport = "job.report"
    case jobPlace = "job.place"
    case auditExport = "audit.export"
}
