import CYAML

/// Reads YAML text into a `YAMLNode` tree with libyaml.
///
/// The parser owns a libyaml parser and a copy of the text, both freed in `deinit`. A file holds one document;
/// anchors, aliases and duplicate keys are refused, so that what a reviewer reads is what Haven applies.
public final class YAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let text: UnsafeMutableBufferPointer<UInt8>

    private init(_ source: String) throws {
        parser = .allocate(capacity: 1)
        text = .allocate(capacity: max(source.utf8.count, 1))
        _ = text.initialize(from: source.utf8)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            text.deallocate()
            throw YAMLError("libyaml could not start a parser (out of memory)", at: YAMLMark(line: 1, column: 1))
        }
        yaml_parser_set_input_string(parser, text.baseAddress, source.utf8.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        text.deallocate()
    }

    /// The document in `source`, or `nil` when the text holds none (empty or only comments).
    public static func parse(_ source: String) throws -> YAMLNode? {
        try YAMLParser(source).document()
    }

    private func document() throws -> YAMLNode? {
        guard case .streamStart = try next() else { throw failure("the text does not start a YAML stream") }
        switch try next() {
        case .streamEnd: return nil
        case .documentStart: break
        default: throw failure("expected a YAML document")
        }
        let root = try node(try next())
        guard case .documentEnd = try next() else { throw failure("expected the end of the document") }
        guard case .streamEnd = try next() else {
            throw failure("the file holds more than one YAML document; keep one document (no second `---`) per file")
        }
        return root
    }

    private func node(_ event: YAMLEvent) throws -> YAMLNode {
        switch event {
        case .scalar(let value, let mark): return .scalar(value, mark)
        case .sequenceStart(let mark): return try sequence(at: mark)
        case .mappingStart(let mark): return try mapping(at: mark)
        case .alias(let mark):
            throw YAMLError("aliases (`*name`) are not accepted; write the value out in full", at: mark)
        default: throw failure("expected a value")
        }
    }

    private func sequence(at mark: YAMLMark) throws -> YAMLNode {
        var items: [YAMLNode] = []
        while true {
            let event = try next()
            if case .sequenceEnd = event { return .sequence(items, mark) }
            items.append(try node(event))
        }
    }

    private func mapping(at mark: YAMLMark) throws -> YAMLNode {
        var entries: [(key: String, value: YAMLNode)] = []
        while true {
            let event = try next()
            if case .mappingEnd = event { return .mapping(entries, mark) }
            guard case .scalar(let key, let keyMark) = event else {
                throw YAMLError("a mapping key must be plain text", at: mark)
            }
            guard !entries.contains(where: { $0.key == key }) else {
                throw YAMLError("key `\(key)` appears twice in this mapping; keep one", at: keyMark)
            }
            entries.append((key, try node(try next())))
        }
    }

    /// The next event; a libyaml syntax error becomes a `YAMLError` at the place libyaml names.
    private func next() throws -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            let problem = parser.pointee.problem.map { String(cString: $0) } ?? "the YAML syntax is not valid"
            throw YAMLError(problem, at: Self.mark(parser.pointee.problem_mark))
        }
        defer { yaml_event_delete(&event) }
        return Self.copy(event)
    }

    private static func copy(_ event: yaml_event_t) -> YAMLEvent {
        let mark = mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_MAPPING_START_EVENT:
            return event.data.mapping_start.anchor == nil ? .mappingStart(mark) : .alias(mark)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        case YAML_SEQUENCE_START_EVENT:
            return event.data.sequence_start.anchor == nil ? .sequenceStart(mark) : .alias(mark)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_SCALAR_EVENT:
            guard event.data.scalar.anchor == nil else { return .alias(mark) }
            let bytes = UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length)
            return .scalar(String(decoding: bytes, as: UTF8.self), mark)
        case YAML_ALIAS_EVENT: return .alias(mark)
        default: return .streamEnd
        }
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func failure(_ message: String) -> YAMLError {
        YAMLError(message, at: Self.mark(parser.pointee.mark))
    }
}
