package dev.rein.cli;

import dev.rein.eval.diversity.DiversityReport;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein eval diversity}: RE-Control's repetition and diversity, and distinct-n (see {@link DiversityReport}). */
@Command(name = "diversity", description = {"RE-Control's diversity of generated responses: rep-2/3/4 = "
        + "100*(1 - unique n-grams / (n-grams + 1)) over nltk word tokens and diversity = prod (1 - rep_n/100), "
        + "each per response and averaged, after cutting at ###USER: or \\n\\nUSER:; also distinct-1/2/3 over all "
        + "responses (distinct_n) and per response (mean_distinct_n).",
        "The field holds the response without its prompt."})
final class EvalDiversityCommand implements Callable<Integer> {
    @Mixin
    private EvalInput input;

    @Option(names = "--field", defaultValue = "response", paramLabel = "NAME",
            description = "The field holding the generated response (default: response).")
    private String field;

    @Override
    public Integer call() throws IOException {
        return input.publish(DiversityReport.of(input.rows().strings(field)));
    }
}
