import Foundation
import HavenCore
import HavenServices

/// Model registry verbs: register versions, attach evaluation reports, list, show, promote and retire.
enum ModelVerbs {
    static let all: [Verb] = [register, list, show, attach, promote, retire]

    static let register: Verb = Verb(
        words: "model register", summary: "Register a model version as a candidate.",
        usage: "model register PROJECT NAME:VERSION --runtime NAME [--training-job REF] [--dataset REF] "
            + "[--objects PATH[,PATH...]] [--description TEXT] [--output json]",
        details: "Training job, dataset and objects are references kept as given, to say where the model came from.",
        options: ["runtime", "training-job", "dataset", "objects", "description"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: register)
        let reference = try modelReference(arguments, verb: register)
        guard let runtime = arguments.options["runtime"] else {
            throw CLIError.usage("missing --runtime", verb: register)
        }
        let body = ModelAPI.Register(
            name: reference.name, version: reference.version, runtime: runtime,
            trainingJob: arguments.options["training-job"], dataset: arguments.options["dataset"],
            objects: arguments.options["objects"]?.split(separator: ",").map(String.init),
            description: arguments.options["description"])
        let model: ModelAPI.View = try await environment.client(arguments).post(
            "/v1/projects/\(project)/models", body)
        if arguments.wantsJSON { return try Output.json(model) }
        Console.line("Registered \(model.reference) (\(model.state.rawValue)).")
    }

    static let list: Verb = Verb(
        words: "model list", summary: "List a project's model versions.", usage: "model list PROJECT [--output json]"
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: list)
        let models: [ModelAPI.View] = try await environment.client(arguments).get("/v1/projects/\(project)/models")
        try Output.list(models, arguments, header: ["MODEL", "RUNTIME", "STATE", "EVALUATIONS", "REGISTERED BY"]) {
            [$0.reference, $0.runtime, $0.state.rawValue, String($0.evaluations.count), $0.registeredBy]
        }
    }

    static let show: Verb = Verb(
        words: "model show", summary: "Show one model version with its evaluation reports.",
        usage: "model show PROJECT NAME:VERSION [--output json]"
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: show)
        let reference = try modelReference(arguments, verb: show)
        let model: ModelAPI.View = try await environment.client(arguments).get(
            "/v1/projects/\(project)/models/\(reference)")
        if arguments.wantsJSON { return try Output.json(model) }
        Console.line("model \(model.reference) (\(model.state.rawValue)), runtime \(model.runtime)")
        Console.line(
            "  registered by \(model.registeredBy); training job \(model.trainingJob ?? "-"), "
                + "dataset \(model.dataset ?? "-")")
        for object in model.objects {
            Console.line("  from " + object)
        }
        for evaluation in model.evaluations {
            Console.line("  evaluation job \(evaluation.job): \(evaluation.reportPath)")
        }
    }

    static let attach: Verb = Verb(
        words: "model attach", summary: "Attach a finished segmentation-metrics job's report to a model version.",
        usage: "model attach PROJECT NAME:VERSION JOB [--report PATH] [--output json]",
        details: "The report is the job's report.json unless --report names another of its outputs.",
        options: ["report"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: attach)
        let reference = try modelReference(arguments, verb: attach)
        let job = try arguments.positional(2, "JOB", verb: attach)
        let model: ModelAPI.View = try await environment.client(arguments).post(
            "/v1/projects/\(project)/models/\(reference)/evaluations",
            ModelAPI.Attach(job: job, reportPath: arguments.options["report"]))
        if arguments.wantsJSON { return try Output.json(model) }
        Console.line("Attached job \(job)'s report to \(model.reference).")
    }

    static let promote: Verb = transition(.promote, summary: "Deploy a candidate model version (project owners).")

    static let retire: Verb = transition(
        .retire, summary: "Retire a model version for good; jobs can no longer name it (project owners).")

    private static func transition(_ event: ModelEvent, summary: String) -> Verb {
        let words = "model " + event.rawValue
        return Verb(
            words: words, summary: summary, usage: words + " PROJECT NAME:VERSION [--output json]"
        ) { arguments, environment in
            let verb = event == .promote ? promote : retire
            let project = try arguments.positional(0, "PROJECT", verb: verb)
            let reference = try modelReference(arguments, verb: verb)
            let model: ModelAPI.View = try await environment.client(arguments).post(
                "/v1/projects/\(project)/models/\(reference)/transitions", ModelAPI.Transition(event: event))
            if arguments.wantsJSON { return try Output.json(model) }
            Console.line("\(model.reference) is now \(model.state.rawValue).")
        }
    }

    private static func modelReference(_ arguments: Arguments, verb: Verb) throws -> ModelReference {
        let text = try arguments.positional(1, "NAME:VERSION", verb: verb)
        guard let reference = ModelReference(text) else {
            throw CLIError.usage("`\(text)` is not NAME:VERSION", verb: verb)
        }
        return reference
    }
}
