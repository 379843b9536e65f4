package io.fraudstream.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void eachThreadCountsFromWhereItStoodAndOneThatEndedSubtractsNothing() {
        final ThreadCpu before = new ThreadCpu(List.of("learner", "evaluator", "idle"));
        before.add("1", "learner", 500);
        before.add("2", "learner", 9_000); // ends before the second moment
        before.add("3", "evaluator", 100);
        final ThreadCpu after = new ThreadCpu(List.of("learner", "evaluator", "idle"));
        after.add("1", "learner", 800);
        after.add("3", "evaluator", 100);
        after.add("4", "evaluator", 250); // started in between
        assertEquals(Map.of("learner", 300L, "evaluator", 250L, "idle", 0L), after.since(before));
        assertEquals(List.of("learner", "evaluator", "idle"), List.copyOf(after.since(before).keySet()));
        assertEquals(Map.of("learner", 800L, "evaluator", 350L, "idle", 0L), after.byGroup());
    }
}
