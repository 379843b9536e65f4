package io.fraudstream.topology;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/** Renders a topology description as a Mermaid flowchart: topics as stadiums, stores as cylinders. */
public final class TopologyDiagram {
    private TopologyDiagram() {
    }

    public static String mermaid(final TopologyDescription description) {
        final StringBuilder b = new StringBuilder("flowchart LR\n");
        final Set<String> topics = new TreeSet<>();
        final Set<String> stores = new TreeSet<>();
        final Set<String> edges = new LinkedHashSet<>();
        description.subtopologies().stream().sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id))
                .forEach(sub -> {
                    b.append("  subgraph sub").append(sub.id()).append(" [\"sub-topology ").append(sub.id())
                            .append("\"]\n");
                    sub.nodes().stream().sorted(Comparator.comparing(TopologyDescription.Node::name))
                            .forEach(node -> b.append("    ").append(id(node.name())).append("[\"")
                                    .append(node.name()).append("\"]\n"));
                    b.append("  end\n");
                    for (TopologyDescription.Node node : sub.nodes()) {
                        edgesOf(node, topics, stores, edges);
                    }
                });
        for (TopologyDescription.GlobalStore global : description.globalStores()) {
            b.append("  subgraph global").append(global.id()).append(" [\"global store\"]\n");
            b.append("    ").append(id(global.source().name())).append("[\"").append(global.source().name())
                    .append("\"]\n");
            b.append("    ").append(id(global.processor().name())).append("[\"").append(global.processor().name())
                    .append("\"]\n");
            b.append("  end\n");
            edgesOf(global.source(), topics, stores, edges);
            edgesOf(global.processor(), topics, stores, edges);
        }
        topics.forEach(t -> b.append("  ").append(id("topic:" + t)).append("([\"").append(t).append("\"])\n"));
        stores.forEach(s -> b.append("  ").append(id("store:" + s)).append("[(\"").append(s).append("\")]\n"));
        edges.forEach(e -> b.append("  ").append(e).append('\n'));
        return b.toString();
    }

    private static void edgesOf(final TopologyDescription.Node node, final Set<String> topics,
                                final Set<String> stores, final Set<String> edges) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
            for (String t : new TreeSet<>(source.topicSet())) {
                topics.add(t);
                edges.add(id("topic:" + t) + " --> " + id(node.name()));
            }
        }
        if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
            topics.add(sink.topic());
            edges.add(id(node.name()) + " --> " + id("topic:" + sink.topic()));
        }
        if (node instanceof TopologyDescription.Processor processor) {
            for (String s : new TreeSet<>(processor.stores())) {
                stores.add(s);
                edges.add(id(node.name()) + " --- " + id("store:" + s));
            }
        }
        node.successors().stream().map(TopologyDescription.Node::name).sorted()
                .forEach(next -> edges.add(id(node.name()) + " --> " + id(next)));
    }

    private static String id(final String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_");
    }
}
