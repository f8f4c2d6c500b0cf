package dev.rein.steering.dph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoryPreferencesTest {
    private final List<PreferencePair> pairs = StoryPreferences.pairs(7, 0, 200);

    @Test
    void theChosenTaleHasTheHigherTrueRewardInEveryPair() {
        for (PreferencePair pair : pairs) {
            assertTrue(TaleReward.of(pair.prompt() + pair.chosen()) > TaleReward.of(pair.prompt() + pair.rejected()),
                    pair.toString());
            assertEquals(3.0, TaleReward.of(pair.prompt() + pair.chosen()), pair.chosen());
        }
    }

    @Test
    void bothRepliesContinueTheSharedOpeningAndDiffer() {
        for (PreferencePair pair : pairs) {
            assertTrue(pair.chosen().startsWith(" ") && pair.rejected().startsWith(" "), pair.toString());
            assertTrue(!pair.identical());
        }
    }

    @Test
    void theSameSeedGivesTheSamePairsAndAnotherOthers() {
        assertEquals(pairs.subList(10, 20), StoryPreferences.pairs(7, 10, 10));
        assertTrue(!pairs.subList(0, 10).equals(StoryPreferences.pairs(8, 0, 10)));
    }
}
