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
    case jobCancel = "job.cancel"
    case auditExport = "audit.export"
    /// Checking the whole ledger's chain and signatures in the database.
    case auditVerify = "audit.verify"
    case modelRegister = "model.register"
    case modelRead = "model.read"
    case modelPromote = "model.promote"
    /// Reading a secret's value.
    case secretRead = "secret.read"
    /// Declaring a secret for a job, which then reads it while it runs; also listing names and metadata.
    case secretUse = "secret.use"
    /// Putting, rotating, disabling, deleting, recovering and purging a secret.
    case secretWrite = "secret.write"
    /// A running job receiving a secret it declared.
    case secretLease = "secret.lease"
    /// Soft-deleting an object; its bytes stay until the retention window ends.
    case dataDelete = "data.delete"
    /// Issuing a signed grant that lets a node or tool read or write one object or prefix for a short time.
    case dataGrant = "data.grant"
    /// Creating a dataset or a new version of one.
    case datasetWrite = "dataset.write"
    /// Reading a dataset's manifests.
    case datasetRead = "dataset.read"
    /// Searching the hospital PACS from a project.
    case pacsSearch = "pacs.search"
    /// Pulling a study from the hospital PACS into the project, de-identified; also each retrieved instance.
    case pacsPull = "pacs.pull"
    /// Importing DICOM files a researcher holds into the project, de-identified.
    case dicomImport = "dicom.import"
    /// Listing the project's DICOM studies.
    case dicomRead = "dicom.read"
    /// Setting the project's de-identification policy.
    case dicomPolicy = "dicom.policy"
    /// Rewrapping every data key of the vault under a new key-encryption key.
    case vaultRotateKEK = "vault.rotate-kek"
    /// Storing a new policy version, or rolling back to an earlier one.
    case policyApply = "policy.apply"
    /// Reading policy versions and explaining decisions.
    case policyRead = "policy.read"
    /// Disabling or enabling a user.
    case userDisable = "user.disable"
    /// Moving a project through its lifecycle, or changing its dates and purpose.
    case projectState = "project.state"
    /// Taking a member's role in a project away.
    case memberRemove = "project.member.remove"
    /// Creating groups and changing their members.
    case groupWrite = "group.write"
    /// Creating, listing and revoking another user's API tokens (everyone manages their own).
    case tokenAdmin = "token.admin"
    /// Stopping a job because its submitter lost access; done by Haven itself.
    case jobRevoke = "job.revoke"
    /// A machine joining a node pool with a join token.
    case nodeJoin = "node.join"
    /// A node marked lost after it stayed silent past its lease.
    case nodeLost = "node.lost"
    /// Starting an interactive GPU session (Jupyter, 3D Slicer or a shell) in a project.
    case sessionStart = "session.start"
    /// Moving one's own session's end time later, within the project's longest-session limit.
    case sessionExtend = "session.extend"
    /// Receiving the address and a one-time token of one's own session, and the node redeeming that token.
    case sessionConnect = "session.connect"
}
