import Foundation
import HavenCore

/// De-identifies DICOM files in place with dcmodify under the project's key and policy, then checks each result
/// with a fresh dump and a scan of its bytes; a file that fails the check stops the whole batch.
struct Deidentifier: Sendable {
    var project: DICOMProjectKey

    /// Edits that complete a file before it is de-identified, such as UIDs an imported file lacks.
    typealias FillIn = @Sendable (DICOMDataset, URL) throws(DICOMError) -> [DICOMEdit]

    /// De-identifies `files`, first completing each with `fillIn`'s edits (made in the same dcmodify run, and
    /// planned as though the file had held those values).
    func deidentify(_ files: [URL], fillIn: FillIn = { _, _ in [] }) async throws(DICOMError) -> [DeidentifiedInstance]
    {
        var before: [DICOMDataset] = []
        var plans: [(DeidentificationPlanner, DeidentificationPlan)] = []
        var edits: [[DICOMEdit]] = []
        for (file, dumped) in zip(files, try await DICOMTools.dump(files)) {
            let fills = try fillIn(dumped, file)
            let dataset = dumped.applying(fills)
            let planner = try planner(for: dataset)
            let plan = planner.plan(dataset)
            before.append(dataset)
            plans.append((planner, plan))
            edits.append(fills + plan.edits)
        }
        try await Self.modify(files, edits)

        let after = try await DICOMTools.dump(files)
        var results: [DeidentifiedInstance] = []
        for index in files.indices {
            let (planner, plan) = plans[index]
            let bytes = try bytes(of: files[index])
            let faults = DeidentificationCheck(planner: planner).faults(after[index], bytes: bytes, plan: plan)
            guard faults.isEmpty else {
                throw .deidentificationFailed(file: files[index].lastPathComponent, faults: faults)
            }
            results.append(try instance(files[index], before: before[index], after: after[index], plan: plan))
        }
        return results
    }

    /// How many dcmodify runs go at once: each is short and mostly waits on process start-up and the disk.
    static let concurrentRuns = 4

    /// Applies `edits[i]` to `files[i]`, a few files at a time.
    static func modify(_ files: [URL], _ edits: [[DICOMEdit]]) async throws(DICOMError) {
        let result: Result<Void, DICOMError> = await withTaskGroup(of: Result<Void, DICOMError>.self) { group in
            var next = 0
            func startNext() {
                guard next < files.count else { return }
                let (file, changes) = (files[next], edits[next])
                group.addTask {
                    do throws(DICOMError) {
                        try await DICOMTools.modify(file, changes)
                        return .success(())
                    } catch {
                        return .failure(error)
                    }
                }
                next += 1
            }
            for _ in 0..<concurrentRuns { startNext() }
            for await outcome in group {
                if case .failure = outcome {
                    group.cancelAll()
                    return outcome
                }
                startNext()
            }
            return .success(())
        }
        try result.get()
    }

    func planner(for dataset: DICOMDataset) throws(DICOMError) -> DeidentificationPlanner {
        let key = project
        return try DeidentificationPlanner(
            policy: project.policy, dateShiftDays: project.dateShiftDays,
            patientPseudonym: project.pseudonym(patientID: dataset.string(.patientID) ?? ""),
            uid: { key.uid($0) })
    }

    private func bytes(of file: URL) throws(DICOMError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: file))
        } catch {
            throw .invalidFile(file: file.lastPathComponent, reason: "cannot be read back after de-identification")
        }
    }

    private func instance(
        _ file: URL, before: DICOMDataset, after: DICOMDataset, plan: DeidentificationPlan
    ) throws(DICOMError) -> DeidentifiedInstance {
        guard let study = before.string(.studyInstanceUID), let series = before.string(.seriesInstanceUID),
            let sop = before.string(.sopInstanceUID), let newStudy = after.string(.studyInstanceUID),
            let newSeries = after.string(.seriesInstanceUID), let newSOP = after.string(.sopInstanceUID)
        else {
            throw .invalidFile(
                file: file.lastPathComponent, reason: "has an empty Study, Series or SOP Instance UID")
        }
        return DeidentifiedInstance(
            file: file, originalStudyUID: study, originalSeriesUID: series, originalSOPInstanceUID: sop,
            studyUID: newStudy, seriesUID: newSeries, sopInstanceUID: newSOP, uids: plan.uids,
            geometry: SeriesInstance(after))
    }
}
