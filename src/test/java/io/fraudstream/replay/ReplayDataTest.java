package io.fraudstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.event.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayDataTest {
    @TempDir
    Path dir;

    private static final ColumnMapping HANDBOOK = new ColumnMapping("TRANSACTION_ID", "TX_DATETIME",
            TimeFormat.DATETIME, "TX_FRAUD", "TX_AMOUNT", "CUSTOMER_ID", "TERMINAL_ID", Duration.ofDays(7), null,
            Set.of("TX_FRAUD_SCENARIO"));

    @Test
    void decimalsAreRecognisedExactlyAsTheGrammarSays() {
        final Pattern grammar =
                Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
        final String alphabet = "0123456789+-.eEdx \u0660";
        final Random random = new Random(4);
        for (int i = 0; i < 200_000; i++) {
            final StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(7); k > 0; k--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            final String t = b.toString();
            assertThat(Decimals.isDecimal(t)).as("'%s'", t).isEqualTo(grammar.matcher(t).matches());
        }
        assertThat(Decimals.isDecimal("-12.5e+3")).isTrue();
        assertThat(Decimals.isDecimal("2d")).isFalse();
    }

    @Test
    void theFraudDetectionHandbookLayoutReplaysByFlagsAlone() throws IOException {
        final Path p = Files.writeString(dir.resolve("handbook.csv"),
                "TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,TX_FRAUD,TX_FRAUD_SCENARIO\n"
                        + "1,2018-04-01 00:02:10,596,3156,57.16,130,0,0,0\n"
                        + "0,2018-04-01 00:00:31,596,3156,57.16,31,0,0,0\n"
                        + "2,2018-04-01 00:07:56,2,1365,146.00,476,0,1,1\n"
                        + "3,not a date,2,1365,146.00,476,0,1,1\n"
                        + "4,2018-04-01 00:09:29,4,8737,-3,569,0,0,0\n");
        final ReplayData data = ReplayData.load(p, HANDBOOK);
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.featureColumns()).containsExactly("TX_TIME_SECONDS", "TX_TIME_DAYS");
        assertThat(data.attributeColumns()).isEmpty();
        assertThat(data.skipped()).extracting(ReplayData.Skipped::line).containsExactly(5L, 6L);
        assertThat(data.skipped().get(0).reason()).contains("not a datetime time");
        assertThat(data.skipped().get(1).reason()).contains("amount: must be finite and >= 0, was -3");
        // event-time order, whatever the file's order
        assertThat(data.rows()).extracting(ReplayData.Row::id).containsExactly("0", "1", "2");
        final ReplayData.Row fraud = data.rows().get(2);
        final Transaction t = data.transaction(fraud);
        assertThat(t.timestamp()).isEqualTo(Instant.parse("2018-04-01T00:07:56Z").toEpochMilli());
        assertThat(t.cardId()).isEqualTo("2");
        assertThat(t.merchantId()).isEqualTo("1365");
        assertThat(t.amount()).isEqualTo(146.0);
        assertThat(t.features()).containsEntry("TX_TIME_SECONDS", 476.0).doesNotContainKey("TX_FRAUD_SCENARIO");
        assertThat(ReplayData.label(fraud).fraud()).isTrue();
        // a label becomes known exactly its delay after the transaction, never sooner
        assertThat(ReplayData.label(fraud).timestamp() - t.timestamp()).isEqualTo(Duration.ofDays(7).toMillis());
    }

    @Test
    void ibmTabFormersLayoutReplaysByFlags() throws IOException {
        final Path p = Files.writeString(dir.resolve("card_transaction.v1.csv"),
                "User,Card,Year,Month,Day,Time,Amount,Use Chip,Merchant Name,Merchant City,Merchant State,Zip,MCC,"
                        + "Errors?,Is Fraud?\n"
                        + "0,0,2002,9,1,06:21,$134.09,Swipe Transaction,3527213246127876953,La Verne,CA,91750.0,5300,,No\n"
                        + "0,0,2002,9,1,06:42,$38.48,Swipe Transaction,-727612092139916043,Monterey Park,CA,91754.0,"
                        + "5411,,No\n"
                        + "0,1,2002,9,2,06:22,\"$1,120.43\",Swipe Transaction,-727612092139916043,Monterey Park,CA,"
                        + "91754.0,5411,Insufficient Balance,Yes\n"
                        + "1,0,2002,9,2,17:45,$-77.00,Chip Transaction,4722913068560264812,Mira Loma,CA,91752.0,5541,,"
                        + "No\n");
        final ReplayData data = ReplayData.load(p, new ColumnMapping("id", "Year,Month,Day,Time",
                TimeParser.fromFlag("yyyy M d HH:mm"), "Is Fraud?", "Amount", "User,Card", "Merchant Name",
                Duration.ofDays(7), null, Set.of()));
        assertThat(data.featureColumns()).containsExactly("Zip", "MCC");
        assertThat(data.attributeColumns()).containsExactly("Use Chip", "Merchant City", "Merchant State", "Errors?");
        assertThat(data.skipped()).extracting(ReplayData.Skipped::reason)
                .containsExactly("amount: must be finite and >= 0, was $-77.00"); // a refund
        final Transaction fraud = data.transaction(data.rows().get(2));
        assertThat(fraud.timestamp()).isEqualTo(Instant.parse("2002-09-02T06:22:00Z").toEpochMilli());
        assertThat(fraud.amount()).isEqualTo(1120.43);
        assertThat(fraud.cardId()).isEqualTo("0/1");
        assertThat(fraud.merchantId()).isEqualTo("-727612092139916043");
        assertThat(ReplayData.label(data.rows().get(2)).fraud()).isTrue();
        assertThat(data.transaction(data.rows().get(0)).cardId()).isEqualTo("0/0");
    }

    @Test
    void datesAreReadAsTheDaysFromThemToTheTransaction() throws IOException {
        final Path p = Files.writeString(dir.resolve("ecommerce.csv"),
                "user_id,signup_time,purchase_time,purchase_value,dob,seen,note,class\n"
                        + "7,2015-02-24 22:55:49,2015-02-24 22:55:50,34,1988-03-09,2015-02-20T10:00:00Z,n/a,1\n"
                        + "8,2015-01-01 00:00:00,2015-04-18 12:00:00,12,1990-12-31,2015-04-18T13:00:00+02:00,"
                        + "2015-01-01,0\n"
                        + "9,2015-04-18 00:00:00,2015-04-19 00:00:00,5,,2015-04-18T00:00:00Z,x,0\n");
        final ReplayData data = ReplayData.load(p, new ColumnMapping("user_id", "purchase_time",
                TimeFormat.DATETIME, "class", "purchase_value", "device_id", "merchant", Duration.ofDays(7), null,
                Set.of()));
        assertThat(data.dateColumns()).containsExactly("signup_time", "dob", "seen");
        assertThat(data.featureColumns()).containsExactly("signup_time", "dob", "seen");
        assertThat(data.attributeColumns()).containsExactly("note"); // a date, then text: not a date column
        final double day = 86_400.0;
        assertThat(data.transaction(data.rows().get(0)).features()).containsEntry("signup_time", 1 / day)
                .containsEntry("dob", (Instant.parse("2015-02-24T22:55:50Z").getEpochSecond()
                        - Instant.parse("1988-03-09T00:00:00Z").getEpochSecond()) / day)
                .containsEntry("seen", (4 * day + 12 * 3600 + 55 * 60 + 50) / day);
        // a time after the transaction counts negative; its offset is kept
        assertThat(data.transaction(data.rows().get(1)).features()).containsEntry("seen", -1.0 / 24 + 2.0 / 24);
        assertThat(data.transaction(data.rows().get(2)).features()).doesNotContainKey("dob")
                .containsEntry("signup_time", 1.0).containsEntry("seen", 1.0);
    }

    @Test
    void aValueThatIsNotADateAfterTheRowsThatChoseTheTypeIsMissing() throws IOException {
        final StringBuilder csv = new StringBuilder("id,timestamp,amount,fraud,dob\n");
        for (int i = 0; i <= ReplayData.SAMPLE_ROWS; i++) {
            csv.append(i).append(",2026-01-05T00:00:00Z,1,0,")
                    .append(i < ReplayData.SAMPLE_ROWS ? "2025-01-05" : "2025-02-30").append('\n');
        }
        final ReplayData data = ReplayData.load(Files.writeString(dir.resolve("dob.csv"), csv),
                new ColumnMapping("id", "timestamp", TimeFormat.ISO, "fraud", "amount", "card", "merchant",
                        Duration.ofDays(7), null, Set.of()));
        assertThat(data.dateColumns()).containsExactly("dob");
        assertThat(data.transaction(data.rows().get(0)).features()).containsEntry("dob", 365.0);
        // as a word in a numeric column is
        assertThat(data.transaction(data.rows().get(ReplayData.SAMPLE_ROWS)).features()).doesNotContainKey("dob");
        assertThat(data.nonNumericFeatureValues()).isEqualTo(1);
    }

    @Test
    void theKaggleCreditCardLayoutReplaysWithRowNumbersAsIds() throws IOException {
        final Path p = Files.writeString(dir.resolve("creditcard.csv"),
                "\"Time\",\"V1\",\"V2\",\"Amount\",\"Class\"\n"
                        + "0,-1.3598,-0.0727,149.62,\"0\"\n"
                        + "0,1.1918,0.2661,2.69,\"0\"\n"
                        + "406,-2.3122,1.9519,0,\"1\"\n");
        final ColumnMapping kaggle = new ColumnMapping("id", "Time", TimeFormat.SECONDS_FROM_START, "Class",
                "Amount", "cardId", "merchantId", Duration.ofDays(2), null, Set.of());
        final ReplayData data = ReplayData.load(p, kaggle);
        assertThat(data.rows()).extracting(ReplayData.Row::id).containsExactly("1", "2", "3");
        assertThat(data.featureColumns()).containsExactly("V1", "V2");
        final ReplayData.Row last = data.rows().get(2);
        assertThat(last.time()).isEqualTo(TimeFormat.ORIGIN.toEpochMilli() + 406_000);
        assertThat(last.card()).isNull();
        assertThat(last.fraud()).isTrue();
        assertThat(data.transaction(last).features()).containsEntry("V1", -2.3122).containsEntry("V2", 1.9519);
    }

    @Test
    void thePaySimLayoutReplaysWithHourStepsKeptInFileOrder() throws IOException {
        final Path p = Files.writeString(dir.resolve("paysim.csv"), "step,type,amount,nameOrig,oldbalanceOrg,"
                + "newbalanceOrig,nameDest,oldbalanceDest,newbalanceDest,isFraud,isFlaggedFraud\n"
                + "1,PAYMENT,9839.64,C1231006815,170136.0,160296.36,M1979787155,0.0,0.0,0,0\n"
                + "1,TRANSFER,181.0,C1305486145,181.0,0.0,C553264065,0.0,0.0,1,0\n"
                + "1,CASH_OUT,181.0,C840083671,181.0,0.0,C38997010,21182.0,0.0,1,0\n"
                + "2,PAYMENT,1864.28,C1666544295,21249.0,19384.72,M2044282225,0.0,0.0,0,0\n");
        final ReplayData data = ReplayData.load(p, new ColumnMapping("id", "step", TimeFormat.HOURS_FROM_START,
                "isFraud", "amount", "nameOrig", "nameDest", Duration.ofDays(7), null, Set.of()));
        assertThat(data.rows()).extracting(ReplayData.Row::id).containsExactly("1", "2", "3", "4");
        assertThat(data.rows()).extracting(ReplayData.Row::time).containsExactly(
                TimeFormat.ORIGIN.toEpochMilli() + 3_600_000L, TimeFormat.ORIGIN.toEpochMilli() + 3_600_000L,
                TimeFormat.ORIGIN.toEpochMilli() + 3_600_000L, TimeFormat.ORIGIN.toEpochMilli() + 7_200_000L);
        assertThat(data.rows().get(1).card()).isEqualTo("C1305486145");
        assertThat(data.rows().get(1).merchant()).isEqualTo("C553264065");
        assertThat(data.featureColumns()).containsExactly("oldbalanceOrg", "newbalanceOrig", "oldbalanceDest",
                "newbalanceDest", "isFlaggedFraud");
        assertThat(data.attributeColumns()).containsExactly("type");
        assertThat(data.frauds()).isEqualTo(2);
    }

    @Test
    void labelsAreReadInTheirUsualSpellings() {
        for (String fraud : new String[] {"1", "1.0", "true", "T", "Yes", "Y", "fraud"}) {
            assertThat(ReplayData.parseLabel(fraud)).as(fraud).isTrue();
        }
        for (String legit : new String[] {"0", "0.0", "FALSE", "f", "No", "n", "legit"}) {
            assertThat(ReplayData.parseLabel(legit)).as(legit).isFalse();
        }
        assertThatThrownBy(() -> ReplayData.parseLabel("2")).hasMessageContaining("expected 0/1");
    }

    @Test
    void aPerRowDelayColumnTimesEachLabel() throws IOException {
        final Path p = Files.writeString(dir.resolve("d.jsonl"),
                "{\"id\":\"a\",\"timestamp\":\"2026-01-05T10:00:00Z\",\"amount\":5,\"fraud\":1,\"delay\":3600}\n"
                        + "{\"id\":\"b\",\"timestamp\":\"2026-01-05T09:00:00Z\",\"amount\":5,\"fraud\":false,\"delay\":\"2d\"}\n"
                        + "{\"id\":\"c\",\"timestamp\":\"2026-01-05T11:00:00Z\",\"amount\":5,\"fraud\":\"maybe\",\"delay\":1}\n");
        final ColumnMapping m = new ColumnMapping("id", "timestamp", TimeFormat.ISO, "fraud", "amount", "cardId",
                "merchantId", Duration.ofDays(7), "delay", Set.of());
        final ReplayData data = ReplayData.load(p, m);
        assertThat(data.skipped()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(3);
            assertThat(s.reason()).contains("label: expected 0/1, true/false or yes/no");
        });
        final long ten = Instant.parse("2026-01-05T10:00:00Z").toEpochMilli();
        // labels in label-time order: a (10:00 + 1 h) before b (09:00 + 2 d)
        assertThat(data.rowsByLabelTime()).extracting(ReplayData.Row::id).containsExactly("a", "b");
        assertThat(data.rowsByLabelTime().get(0).labelTime()).isEqualTo(ten + 3_600_000);
        assertThat(data.rowsByLabelTime().get(1).labelTime())
                .isEqualTo(Instant.parse("2026-01-07T09:00:00Z").toEpochMilli());
        for (ReplayData.Row r : data.rows()) {
            assertThat(r.labelTime()).isGreaterThanOrEqualTo(r.time());
        }
    }

    @Test
    void theVitalsOfARowAreBoundedSoNoneWrapsRoundOrPutsALabelBeforeItsTransaction() throws IOException {
        final Path p = Files.writeString(dir.resolve("hostile.csv"), "step,amount,isFraud,delay\n"
                + "1,5,0,3600\n"
                + "1e300,5,0,3600\n" // hours: far past year 9999
                + "2,5,1,-60\n" // a label a minute before its transaction
                + "3,5,0,1e300\n" // seconds: wraps round the label's time
                + "4,5,0,99999999999d\n"
                + "5,5,1,540d\n");
        final ReplayData data = ReplayData.load(p, new ColumnMapping("id", "step", TimeFormat.HOURS_FROM_START,
                "isFraud", "amount", "cardId", "merchantId", Duration.ofDays(7), "delay", Set.of()));
        assertThat(data.rows()).extracting(ReplayData.Row::id).containsExactly("1", "6");
        assertThat(data.rows().get(1).time()).isEqualTo(TimeFormat.ORIGIN.toEpochMilli() + 5 * 3_600_000L);
        assertThat(data.rows().get(1).labelTime() - data.rows().get(1).time()).isEqualTo(540 * 86_400_000L);
        assertThat(data.skipped()).extracting(ReplayData.Skipped::line).containsExactly(3L, 4L, 5L, 6L);
        assertThat(data.skipped().get(0).reason())
                .isEqualTo("time outside years 1 to 9999 as hours-from-start: \"1e300\"");
        assertThat(data.skipped().subList(1, 4)).allSatisfy(s ->
                assertThat(s.reason()).startsWith("label delay: expected 0 to 36500 days, was"));
    }

    @Test
    void aMissingColumnFailsNamingTheFlagAndAColumnThatLeaksTheLabelIsWarnedAbout() throws IOException {
        final Path p = Files.writeString(dir.resolve("g.csv"), "id,timestamp,amount,fraud,scenario,after\n"
                + "1,2026-01-05T10:00:00Z,5,0,legit,0.1\n2,2026-01-05T10:01:00Z,7,1,stolen-card,0.9\n"
                + "3,2026-01-05T10:02:00Z,9,0,legit,0.2\n4,2026-01-05T10:03:00Z,9,1,card-testing,0.8\n");
        assertThatThrownBy(() -> ReplayData.load(p, new ColumnMapping("id", "time", TimeFormat.ISO, "fraud", "amount",
                null, null, Duration.ofDays(1), null, Set.of())))
                .hasMessageStartingWith("--time-column 'time' is not a column of the file");
        final ReplayData data = ReplayData.load(p, new ColumnMapping("id", "timestamp", TimeFormat.ISO, "fraud",
                "amount", null, null, Duration.ofDays(1), null, Set.of()));
        final List<String> warnings = DataWarnings.leaks(data);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("column 'after' alone separates fraud from legitimate");
        assertThat(warnings.get(1)).startsWith("column 'scenario' has no value shared by fraud and legitimate rows");
        final ReplayData clean = ReplayData.load(p, new ColumnMapping("id", "timestamp", TimeFormat.ISO, "fraud",
                "amount", null, null, Duration.ofDays(1), null, Set.of("scenario", "after")));
        assertThat(DataWarnings.leaks(clean)).isEmpty();
    }

    @Test
    void aLabelDelayAsLongAsTheDataIsWarnedAboutAndAShorterOneIsNot() throws IOException {
        final StringBuilder csv = new StringBuilder("Time,Amount,Class\n");
        for (int i = 0; i < 2000; i++) { // two days, a row every 86.4 s
            csv.append(i * 86.4).append(",10,").append(i % 100 == 0 ? 1 : 0).append('\n');
        }
        final Path p = Files.writeString(dir.resolve("two-days.csv"), csv);
        final ReplayData week = ReplayData.load(p, new ColumnMapping("id", "Time", TimeFormat.SECONDS_FROM_START,
                "Class", "Amount", null, null, Duration.ofDays(7), null, Set.of()));
        assertThat(DataWarnings.labelDelay(week)).startsWith("only 0 of the 2,000 labels become known before the last "
                + "transaction (the data spans 2.0 days)");
        final ReplayData hour = ReplayData.load(p, new ColumnMapping("id", "Time", TimeFormat.SECONDS_FROM_START,
                "Class", "Amount", null, null, Duration.ofHours(1), null, Set.of()));
        assertThat(DataWarnings.labelDelay(hour)).isNull();
    }
}
