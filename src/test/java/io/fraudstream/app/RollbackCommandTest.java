package io.fraudstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.config.ConfigException;
import io.fraudstream.model.ModelFamily;
import io.fraudstream.model.ModelSnapshot;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RollbackCommandTest {
    @Test
    void anEarlierVersionComesBackAsTheNextVersionReplacingTheCurrentOne() {
        final TreeMap<Long, ModelSnapshot> archive = new TreeMap<>();
        for (long v = 1; v <= 3; v++) {
            archive.put(v, model(v, v * 0.1));
        }
        final RollbackCommand.History history = new RollbackCommand.History(archive, archive.get(3L));
        final ModelSnapshot back = RollbackCommand.reissue(history, 1, 99);
        assertThat(back.version()).isEqualTo(4);
        assertThat(back.parentVersion()).isEqualTo(3);
        assertThat(back.createdAt()).isEqualTo(99);
        assertThat(back.weights()).containsExactly(0.1);
        assertThat(back.bias()).isEqualTo(archive.get(1L).bias());
        // after a rollback, the re-issued version is current: bringing back v3 gives v5, replacing v4
        archive.put(4L, back);
        assertThat(RollbackCommand.reissue(new RollbackCommand.History(archive, back), 3, 100).version()).isEqualTo(5);
    }

    @Test
    void anUnknownOrCurrentVersionIsRefusedWithTheVersionsThereAre() {
        final TreeMap<Long, ModelSnapshot> archive = new TreeMap<>();
        archive.put(1L, model(1, 0.1));
        archive.put(2L, model(2, 0.2));
        final RollbackCommand.History history = new RollbackCommand.History(archive, archive.get(2L));
        assertThatThrownBy(() -> RollbackCommand.reissue(history, 7, 0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no model version 7").hasMessageContaining("[1, 2]");
        assertThatThrownBy(() -> RollbackCommand.reissue(history, 2, 0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("already the current one");
        final ModelSnapshot other = model(3, 0.3);
        archive.put(3L, new ModelSnapshot(3, 2, 3000, ModelFamily.LOGISTIC, other.features(), other.weights(),
                other.means(), other.scales(), other.bias(), 0.2, 0.6, 0, 0, "another-schema", null, null, null));
        final RollbackCommand.History mixed = new RollbackCommand.History(archive, archive.get(3L));
        assertThatThrownBy(() -> RollbackCommand.reissue(mixed, 1, 0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("feature schema s").hasMessageContaining("another-schema");
    }

    private static ModelSnapshot model(final long version, final double weight) {
        return new ModelSnapshot(version, version - 1, version * 1000, ModelFamily.LOGISTIC, new String[] {"x"},
                new double[] {weight}, new double[] {0}, new double[] {1}, -version, 0.2, 0.6, 0, 0, "s", 0.5, 0.4,
                null);
    }
}
