import Foundation
import HavenCore
import HavenServices

/// `pacs ...` and `dicom ...`: studies from the hospital PACS and DICOM files researchers hold, brought into a
/// project de-identified.
enum PACSVerbs {
    static let all: [Verb] = [search, pull, importFiles, studies, policy]

    /// Search options and the DICOM matching keys they become.
    static let searchOptions: [String: String] = [
        "study": "StudyInstanceUID", "date": "StudyDate", "modality": "ModalitiesInStudy",
        "accession": "AccessionNumber", "patient-id": "PatientID", "limit": "limit",
    ]

    static let search: Verb = Verb(
        words: "pacs search", summary: "Search the hospital PACS for studies (no patient names are shown).",
        usage: "pacs search PROJECT [--date YYYYMMDD[-YYYYMMDD]] [--modality CT] [--accession A] [--patient-id ID] "
            + "[--study UID] [--limit N]",
        details: "Every search is written to the project's access log with its keys.",
        options: Set(searchOptions.keys)
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: search)
        let query = searchOptions.sorted { $0.key < $1.key }.compactMap { option, key in
            arguments.options[option].map { key + "=" + encode($0) }
        }
        let path = "/v1/projects/\(project)/pacs/studies" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let studies: [PACSAPI.Study] = try await environment.client(arguments).get(path)
        if arguments.wantsJSON { return try Output.json(studies) }
        for study in studies {
            let counts = "\(study.seriesCount ?? 0) series, \(study.instanceCount ?? 0) instances"
            Console.line(
                "\(study.studyUID)  \(study.studyDate ?? "-")  \(study.modalities.joined(separator: "/"))  \(counts)")
        }
    }

    static let pull: Verb = Verb(
        words: "pacs pull", summary: "Pull a study from the PACS into the project, de-identified.",
        usage: "pacs pull PROJECT --study UID --purpose TEXT",
        details: """
            Haven retrieves every series, de-identifies each instance (DICOM basic confidentiality profile, UIDs \
            replaced per project), checks the result, stores it in the project's DICOM store, checks each series \
            and converts complete ones to NIfTI volumes under dicom/ in the project's storage. The purpose is \
            required and goes to the access log with the study's original UIDs.
            """,
        options: ["study", "purpose"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: pull)
        guard let study = arguments.options["study"] else { throw CLIError.usage("missing --study UID", verb: pull) }
        guard let purpose = arguments.options["purpose"] else {
            throw CLIError.usage("missing --purpose TEXT: say why the study is needed", verb: pull)
        }
        let stored: PACSAPI.StoredStudy = try await environment.client(arguments).post(
            "/v1/projects/\(project)/pacs/pulls", PACSAPI.Pull(study: study, purpose: purpose))
        try show(stored, arguments)
    }

    static let importFiles: Verb = Verb(
        words: "dicom import", summary: "Import DICOM files you hold into the project, de-identified.",
        usage: "dicom import PROJECT FILE|FOLDER... [--purpose TEXT]",
        details: "A folder contributes every regular file in it. Files with empty UIDs get consistent new ones.",
        options: ["purpose"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: importFiles)
        let files = try dicomFiles(Array(arguments.positional.dropFirst()))
        guard !files.isEmpty else { throw CLIError.usage("missing FILE or FOLDER", verb: importFiles) }
        let stored = try await environment.client(arguments).importDICOM(
            project: project, files: files, purpose: arguments.options["purpose"])
        try show(stored, arguments)
    }

    static let studies: Verb = Verb(
        words: "dicom studies", summary: "List the project's DICOM studies, their series checks and volumes.",
        usage: "dicom studies PROJECT"
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: studies)
        let list: [PACSAPI.StoredStudy] = try await environment.client(arguments).get(
            "/v1/projects/\(project)/dicom/studies")
        if arguments.wantsJSON { return try Output.json(list) }
        for study in list { try show(study, arguments) }
    }

    static let policy: Verb = Verb(
        words: "dicom policy", summary: "Set the project's de-identification policy (project owners).",
        usage: "dicom policy PROJECT [--dates keep|shift] [--allow-private (gggg,eeee),...] [--keep-uid-map]",
        details: """
            --dates shift moves every date back by a fixed per-project number of days; keep (the default) leaves \
            them. --allow-private keeps the listed private attributes; all others are removed. --keep-uid-map \
            keeps the table from original to new UIDs in Haven's database; without it the originals are only in \
            the access log.
            """,
        options: ["dates", "allow-private"], flags: ["keep-uid-map"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: policy)
        let datesText = arguments.options["dates"] ?? "keep"
        guard let dates = DeidentificationPolicy.Dates(rawValue: datesText) else {
            throw CLIError.usage("--dates is `\(datesText)`; use keep or shift", verb: policy)
        }
        let allowed = arguments.options["allow-private"].map { $0.split(separator: ",").map(String.init) } ?? []
        let requested = DeidentificationPolicy(
            dates: dates, allowedPrivateTags: allowed, keepUIDMap: arguments.flags.contains("keep-uid-map"))
        let set = try await environment.client(arguments).setDICOMPolicy(project: project, requested)
        if arguments.wantsJSON { return try Output.json(set) }
        Console.line(
            "Policy of \(project): dates \(set.dates.rawValue), \(set.allowedPrivateTags.count) private attribute(s) "
                + "kept, UID table \(set.keepUIDMap ? "kept" : "not kept").")
    }

    private static func show(_ study: PACSAPI.StoredStudy, _ arguments: Arguments) throws {
        if arguments.wantsJSON { return try Output.json(study) }
        Console.line("study \(study.studyUID) (\(study.source), \(study.instanceCount) instances)")
        for series in study.series {
            let state = series.check.isComplete ? "complete" : "incomplete"
            Console.line("  series \(series.seriesUID): \(series.instanceCount) instances, \(state)")
            for fault in series.check.faults { Console.line("    \(fault.kind.rawValue): \(fault.message)") }
            if let volume = series.volume { Console.line("    volume \(volume)") }
        }
    }

    private static func dicomFiles(_ paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw CLIError.data("`\(path)` does not exist; give DICOM files or folders of them")
            }
            guard isFolder.boolValue else {
                files.append(URL(filePath: path))
                continue
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted().filter { !$0.hasPrefix(".") }
            files += names.map { URL(filePath: path).appending(path: $0) }.filter {
                (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            }
        }
        return files
    }

    private static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._")))
            ?? value
    }
}
