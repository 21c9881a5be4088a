import Testing

@testable import YAML

@Suite struct YAMLParserTests {
    @Test func readsMappingsListsAndScalarsWithTheirPlaces() throws {
        let text = "rules:\n  - id: a\n    actions: [x, \"y\"]\n"
        let root = try #require(try YAMLParser.parse(text))
        guard case .mapping(let top, let mark) = root else { Issue.record("not a mapping"); return }
        #expect(mark == YAMLMark(line: 1, column: 1))
        #expect(top.map(\.key) == ["rules"])
        guard case .sequence(let rules, _) = top[0].value, case .mapping(let rule, _) = rules[0] else {
            Issue.record("rules is not a list of mappings")
            return
        }
        #expect(rule[0].value == .scalar("a", YAMLMark(line: 2, column: 9)))
        // `[x, "y"]` starts at column 14 of line 3; `y` is quoted at column 18.
        #expect(
            rule[1].value
                == .sequence(
                    [.scalar("x", YAMLMark(line: 3, column: 15)), .scalar("y", YAMLMark(line: 3, column: 18))],
                    YAMLMark(line: 3, column: 14)))
    }

    @Test func emptyTextHoldsNoDocument() throws {
        #expect(try YAMLParser.parse("# only a comment\n") == nil)
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: [1, 2\nb: 3\n") }
        do {
            _ = try YAMLParser.parse("a: 1\n  b: 2\n")
            Issue.record("a wrongly indented key was accepted")
        } catch let error as YAMLError {
            #expect(error.mark.line == 2)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func duplicateKeysAndAliasesAreRefused() {
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: 1\na: 2\n") }
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: &x 1\nb: *x\n") }
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: 1\n---\nb: 2\n") }
    }
}
