package dev.rein.eval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected tokens are nltk 3.8's: the first tests are nltk's own doctests and unit tests
 * ({@code nltk/test/tokenize.doctest}, {@code nltk/test/unit/test_tokenize.py}, the {@code word_tokenize} docstring);
 * the others are what nltk 3.8's {@code NLTKWordTokenizer().tokenize} (destructive.py run alone) printed.
 */
class WordTokenizerTest {
    @Test
    void nltkDoctestSentences() {
        assertEquals(List.of("On", "a", "$", "50,000", "mortgage", "of", "30", "years", "at", "8", "percent", ",",
                        "the", "monthly", "payment", "would", "be", "$", "366.88", "."),
                WordTokenizer.tokenize("On a $50,000 mortgage of 30 years at 8 percent, the monthly payment would be "
                        + "$366.88."));
        assertEquals(List.of("``", "We", "beat", "some", "pretty", "good", "teams", "to", "get", "here", ",", "''",
                        "Slocum", "said", "."),
                WordTokenizer.tokenize("\"We beat some pretty good teams to get here,\" Slocum said."));
        assertEquals(List.of("Well", ",", "we", "could", "n't", "have", "this", "predictable", ",", "cliche-ridden",
                        ",", "``", "Touched", "by", "an", "Angel", "''", "(", "a", "show", "creator", "John", "Masius",
                        "worked", "on", ")", "wanna-be", "if", "she", "did", "n't", "."),
                WordTokenizer.tokenize("Well, we couldn't have this predictable, cliche-ridden, \"Touched by an "
                        + "Angel\" (a show creator John Masius worked on) wanna-be if she didn't."));
        assertEquals(List.of("I", "can", "not", "can", "not", "work", "under", "these", "conditions", "!"),
                WordTokenizer.tokenize("I cannot cannot work under these conditions!"));
        assertEquals(List.of("The", "company", "spent", "40.75", "%", "of", "its", "income", "last", "year", "."),
                WordTokenizer.tokenize("The company spent 40.75% of its income last year."));
        assertEquals(List.of("He", "arrived", "at", "3:00", "pm", "."),
                WordTokenizer.tokenize("He arrived at 3:00 pm."));
        assertEquals(List.of("I", "bought", "these", "items", ":", "books", ",", "pencils", ",", "and", "pens", "."),
                WordTokenizer.tokenize("I bought these items: books, pencils, and pens."));
        assertEquals(List.of("There", "were", "300,000", ",", "but", "that", "was", "n't", "enough", "."),
                WordTokenizer.tokenize("There were 300,000, but that wasn't enough."));
        assertEquals(List.of("It", "'s", "more", "'n", "enough", "."), WordTokenizer.tokenize("It's more'n enough."));
        assertEquals(List.of("«", "Now", "that", "I", "can", "do", ".", "»"),
                WordTokenizer.tokenize("«Now that I can do.»"));
        assertEquals(List.of("The", "'", "v", "'", ",", "I", "'ve", "been", "fooled", "but", "I", "'ll", "seek",
                        "revenge", "."),
                WordTokenizer.tokenize("The 'v', I've been fooled but I'll seek revenge."));
        assertEquals(List.of("'", "v", "'", "'re", "'"), WordTokenizer.tokenize("'v' 're'"));
        assertEquals(List.of("Hi", "🇨🇦", ",", "😍", "!", "!"), WordTokenizer.tokenize("Hi 🇨🇦, 😍!!"));
    }

    @Test
    void sentencesEachEndWithTheirOwnPeriod() {
        // the word_tokenize docstring: punkt splits after York. and them., so both periods come off
        assertEquals(List.of("Good", "muffins", "cost", "$", "3.88", "in", "New", "York", ".", "Please", "buy", "me",
                        "two", "of", "them", ".", "Thanks", "."),
                WordTokenizer.tokenize("Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\nThanks."));
        // test_pad_dotdot: a lowercase word after the dots continues the sentence
        assertEquals(List.of("Why", "did", "dotdot", "..", "not", "get", "tokenized", "but", "dotdotdot", "...", "did",
                        "?", "How", "about", "manydots", "....."),
                WordTokenizer.tokenize("Why did dotdot.. not get tokenized but dotdotdot... did? "
                        + "How about manydots....."));
    }

    @Test
    void onlyTheFinalPeriodOfASentenceIsSplitOff() {
        assertEquals(List.of("Good", "muffins", "cost", "$", "3.88", "(", "roughly", "3,36", "euros", ")", "in", "New",
                        "York.", "Please", "buy", "me", "two", "of", "them.", "Thanks", "."),
                WordTokenizer.tokenizeSentence("Good muffins cost $3.88 (roughly 3,36 euros)\nin New York.  Please buy "
                        + "me\ntwo of them.\nThanks."));
        assertEquals(List.of("(", "Dr.", "Smith", "arrived", ".", ")"),
                WordTokenizer.tokenizeSentence("(Dr. Smith arrived.)"));
        assertEquals(List.of("She", "said", "``", "hello", ".", "''"),
                WordTokenizer.tokenizeSentence("She said \"hello.\""));
        assertEquals(List.of("The", "U.S.", "army", ",", "e.g.", "the", "navy", ",", "etc", "."),
                WordTokenizer.tokenizeSentence("The U.S. army, e.g. the navy, etc."));
    }

    @Test
    void contractionsAndClitics() {
        assertEquals(List.of("Gim", "me", "the", "gun", ",", "lem", "me", "see", ";", "I", "'m", "gon", "na", "do",
                        "it", ",", "got", "ta", "go.", "D", "'ye", "wan", "na", "know", "?", "'T", "is", "true", ",",
                        "'t", "was", "so.", "It", "'s", "more", "'n", "enough", "."),
                WordTokenizer.tokenizeSentence("Gimme the gun, lemme see; I'm gonna do it, gotta go. D'ye wanna know? "
                        + "'Tis true, 'twas so. It's more'n enough."));
        assertEquals(List.of("They", "'ll", "say", "we", "'re", "done", ";", "you", "'ve", "heard", "I", "'d", "go",
                        ",", "did", "n't", "you", "?", "WE", "'RE", "DONE", ",", "CA", "N'T", "STOP", "."),
                WordTokenizer.tokenizeSentence("They'll say we're done; you've heard I'd go, didn't you? WE'RE DONE, "
                        + "CAN'T STOP."));
        assertEquals(List.of("cannotbe", "wan", "na", "go", "wanna-be"),
                WordTokenizer.tokenizeSentence("cannotbe wanna\tgo wanna-be"));
        assertEquals(List.of("x", "'", "y", "'abc", "'reply", "'nice", "'"),
                WordTokenizer.tokenizeSentence("x'y 'abc 'reply 'nice'"));
    }

    @Test
    void punctuationQuotesAndBrackets() {
        assertEquals(List.of("He", "said", ",", "'", "I", "ca", "n't", "--", "wo", "n't", "--", "do", "it", "'", "(",
                        "really", ")", "[", "see", "]", "{", "x", "}", "<", "y", ">", "."),
                WordTokenizer.tokenizeSentence("He said, 'I can't -- won't -- do it' (really) [see] {x} <y>."));
        assertEquals(List.of("Prices", ":", "3:00", ",", "50,000", ";", "a", ":", "b", ",", "c", ",", "d", "and", "e",
                        ",", "f", ":", "g", "."),
                WordTokenizer.tokenizeSentence("Prices: 3:00, 50,000; a:b, c,d and e , f: g."));
        assertEquals(List.of("Wait", "...", "what", "?", "!", "Stop", "!", "!", "!", "Really", "?", "!"),
                WordTokenizer.tokenizeSentence("Wait...what?! Stop!!! Really?!"));
        assertEquals(List.of("Email", "me", "@", "home", "#", "1", "for", "$", "5", "&", "10", "%", "off", "*",
                        "twice", "."),
                WordTokenizer.tokenizeSentence("Email me @ home #1 for $5 & 10% off * twice."));
        assertEquals(List.of("“", "Smart", "quotes", "”", "and", "‘", "single", "’", "ones", "«", "here", "»", "."),
                WordTokenizer.tokenizeSentence("“Smart quotes” and ‘single’ ones «here»."));
        assertEquals(List.of("``", "Quoted", "''", "text", "and", "``", "odd", "''", "quotes", "."),
                WordTokenizer.tokenizeSentence("``Quoted'' text and ''odd'' quotes."));
    }

    @Test
    void characterClassesArePythons() {
        // Python's \w has no combining marks: the acute accent (U+0301) ends the word "e", so 'e splits
        assertEquals(List.of("'", "e\u0301t\u00e9", "done"), WordTokenizer.tokenizeSentence("'e\u0301t\u00e9 done"));
        // Python's \s and str.split() take U+001C and the no-break space
        assertEquals(List.of("a", "b", "c", "d"), WordTokenizer.tokenizeSentence("a\u001cb c\u00a0d"));
        // (?i) folds over Unicode: the long s matches the clitic s, so 'ſ is not split
        assertEquals(List.of("ſo", "'ſ", "x"), WordTokenizer.tokenizeSentence("ſo 'ſ x"));
        assertEquals(List.of("Café", "'s", "naïve", "résumé", "is", "n't", "‘", "bad", "’", "."),
                WordTokenizer.tokenizeSentence("Café's naïve résumé isn't ‘bad’."));
    }

    @Test
    void emptyAndBlankTextHaveNoTokens() {
        assertEquals(List.of(), WordTokenizer.tokenize(""));
        assertEquals(List.of(), WordTokenizer.tokenize(" \n\t "));
        assertEquals(List.of(), WordTokenizer.tokenizeSentence(" "));
    }
}
