/// Decides which composite rules fire on hits: every indicator of `all`, at least one of
/// `any` (when given), none of `none`, with the required hits inside one window: of
/// `characters` of normalized text within one message, or of `messages` consecutive
/// messages of a conversation (a single document is one message).
struct CompositeEvaluator: Sendable {
    let composites: [Composite]

    init(library: IndicatorLibrary) {
        composites = library.composites
    }

    /// A hit's place for window arithmetic: `start`/`end` in the window's unit.
    private struct Placed {
        var id: String
        var start: Int
        var end: Int
    }

    /// Separates messages so no character window spans two of them.
    private static let messageStride = 1 << 40

    func fired(by hits: [Hit], messageIndexes: [Int]? = nil) -> [Composite] {
        guard !hits.isEmpty else { return [] }
        let present = Set(hits.map(\.indicatorID))
        let messages = messageIndexes ?? hits.map { _ in 0 }
        return composites.filter { composite in
            guard composite.all.allSatisfy(present.contains),
                  composite.any.isEmpty || composite.any.contains(where: present.contains),
                  !composite.none.contains(where: present.contains) else { return false }
            let placed: [Placed]
            let width: Int
            switch composite.window {
            case .characters(let characters):
                placed = zip(hits, messages).map { hit, message in
                    Placed(id: hit.indicatorID, start: message * Self.messageStride + hit.normalizedRange.lowerBound,
                           end: message * Self.messageStride + hit.normalizedRange.upperBound)
                }
                width = characters
            case .messages(let count):
                placed = zip(hits, messages).map { Placed(id: $0.indicatorID, start: $1, end: $1) }
                width = count - 1
            }
            return fitsWindow(composite, placed: placed, width: width)
        }
    }

    /// Slides a window over the involved hits, ordered by position, looking for one that
    /// holds every `all` indicator and one `any` indicator.
    private func fitsWindow(_ composite: Composite, placed: [Placed], width: Int) -> Bool {
        let involved = Set(composite.all + composite.any)
        let ordered = placed.filter { involved.contains($0.id) }.sorted { $0.start < $1.start }
        let anySet = Set(composite.any)
        var counts: [String: Int] = [:]
        var left = 0
        func satisfied() -> Bool {
            composite.all.allSatisfy { counts[$0, default: 0] > 0 } && (anySet.isEmpty || anySet.contains { counts[$0, default: 0] > 0 })
        }
        for right in ordered.indices {
            counts[ordered[right].id, default: 0] += 1
            while ordered[right].end - ordered[left].start > width {
                counts[ordered[left].id]! -= 1
                left += 1
            }
            if satisfied() { return true }
        }
        return false
    }
}
