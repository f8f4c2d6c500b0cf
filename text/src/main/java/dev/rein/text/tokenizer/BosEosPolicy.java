package dev.rein.text.tokenizer;

import dev.rein.formats.FormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Applies tokenizer_config.json's {@code add_bos_token} and {@code add_eos_token} to the post-processor of
 * tokenizer.json, as the Hugging Face fast tokenizers of Llama and Gemma do ({@code update_post_processor}).
 *
 * <p>Rule chosen: a flag the config does not set keeps what the tokenizer.json template does (BOS when its
 * single template starts with the BOS token, EOS when it ends with the EOS token). When the resulting flags
 * match the template, it is kept as it is, so a template that already adds {@code <s>} with
 * {@code add_bos_token: true} (Llama 2) gives exactly one BOS. Otherwise the template is rebuilt as
 * transformers builds it: single {@code [BOS] $A [EOS]}, pair {@code [BOS] $A [EOS] [BOS] $B [EOS]}, each
 * special token present only when its flag is true; it replaces the template of the post-processor, or is
 * appended when there was none.
 */
final class BosEosPolicy {
    private BosEosPolicy() {
    }

    /**
     * The post-processor to use.
     *
     * @param processor tokenizer.json's post-processor, or null
     * @param idOf      piece to id, -1 when unknown
     */
    static PostProcessor apply(PostProcessor processor, TokenizerConfig config, ToIntFunction<String> idOf) {
        if (config.addBosToken() == null && config.addEosToken() == null) return processor;
        PostProcessor.Template template = findTemplate(processor);
        int bosId = config.bosToken() == null ? -1 : idOf.applyAsInt(config.bosToken());
        int eosId = config.eosToken() == null ? -1 : idOf.applyAsInt(config.eosToken());
        boolean hasBos = template != null && !template.single().isEmpty()
                && isToken(template.single().getFirst(), template, bosId);
        boolean hasEos = template != null && !template.single().isEmpty()
                && isToken(template.single().getLast(), template, eosId);
        boolean addBos = config.addBosToken() != null ? config.addBosToken() : hasBos;
        boolean addEos = config.addEosToken() != null ? config.addEosToken() : hasEos;
        if (addBos == hasBos && addEos == hasEos) return processor;
        if (addBos && bosId < 0) {
            throw new FormatException(config.file(), "add_bos_token",
                    "is true but bos_token " + config.bosToken() + " is not a token of the vocabulary");
        }
        if (addEos && eosId < 0) {
            throw new FormatException(config.file(), "add_eos_token",
                    "is true but eos_token " + config.eosToken() + " is not a token of the vocabulary");
        }
        PostProcessor.Template rebuilt = rebuild(template, addBos ? config.bosToken() : null, bosId,
                addEos ? config.eosToken() : null, eosId);
        return replaceTemplate(processor, rebuilt);
    }

    private static boolean isToken(PostProcessor.TemplatePiece piece, PostProcessor.Template template, int id) {
        return id >= 0 && piece instanceof PostProcessor.SpecialPiece special
                && Arrays.equals(template.specialTokens().get(special.name()), new int[] {id});
    }

    private static PostProcessor.Template rebuild(PostProcessor.Template old, String bos, int bosId, String eos,
                                                  int eosId) {
        Map<String, int[]> specialTokens = new LinkedHashMap<>(old == null ? Map.of() : old.specialTokens());
        if (bos != null) specialTokens.put(bos, new int[] {bosId});
        if (eos != null) specialTokens.put(eos, new int[] {eosId});
        List<PostProcessor.TemplatePiece> single = wrap(new PostProcessor.SequencePiece(0), bos, eos);
        List<PostProcessor.TemplatePiece> pair = new ArrayList<>(single);
        pair.addAll(wrap(new PostProcessor.SequencePiece(1), bos, eos));
        return new PostProcessor.Template(single, List.copyOf(pair), Map.copyOf(specialTokens));
    }

    private static List<PostProcessor.TemplatePiece> wrap(PostProcessor.SequencePiece sequence, String bos,
                                                          String eos) {
        List<PostProcessor.TemplatePiece> pieces = new ArrayList<>();
        if (bos != null) pieces.add(new PostProcessor.SpecialPiece(bos));
        pieces.add(sequence);
        if (eos != null) pieces.add(new PostProcessor.SpecialPiece(eos));
        return List.copyOf(pieces);
    }

    private static PostProcessor.Template findTemplate(PostProcessor processor) {
        if (processor instanceof PostProcessor.Template template) return template;
        if (processor instanceof PostProcessor.Sequence sequence) {
            for (PostProcessor element : sequence.processors()) {
                if (element instanceof PostProcessor.Template template) return template;
            }
        }
        return null;
    }

    private static PostProcessor replaceTemplate(PostProcessor processor, PostProcessor.Template template) {
        if (processor == null || processor instanceof PostProcessor.Template) return template;
        List<PostProcessor> processors = new ArrayList<>();
        boolean replaced = false;
        List<PostProcessor> elements = processor instanceof PostProcessor.Sequence sequence
                ? sequence.processors() : List.of(processor);
        for (PostProcessor element : elements) {
            if (element instanceof PostProcessor.Template && !replaced) {
                processors.add(template);
                replaced = true;
            } else {
                processors.add(element);
            }
        }
        if (!replaced) processors.add(template);
        return new PostProcessor.Sequence(List.copyOf(processors));
    }
}
