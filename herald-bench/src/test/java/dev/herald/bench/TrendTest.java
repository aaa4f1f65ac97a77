package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void aStraightLineIsFittedExactlyWithNoError() {
        Trend.Fit fit = Trend.leastSquares(new double[] {0, 10, 20, 30}, new double[] {5, 7, 9, 11});

        assertThat(fit.slope()).isCloseTo(0.2, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(5, within(1e-12));
        assertThat(fit.slopeStdErr()).isCloseTo(0, within(1e-12));
        assertThat(fit.at(40)).isCloseTo(13, within(1e-12));
    }

    @Test
    void theSlopeOfScatteredPointsIsTheLeastSquaresOneWithItsStandardError() {
        // x = 0..4, y = 1, 3, 2, 5, 4: slope 0.8, intercept 1.4, residual sum of squares 3.6
        Trend.Fit fit = Trend.leastSquares(new double[] {0, 1, 2, 3, 4}, new double[] {1, 3, 2, 5, 4});

        assertThat(fit.slope()).isCloseTo(0.8, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(1.4, within(1e-12));
        assertThat(fit.slopeStdErr()).isCloseTo(Math.sqrt(3.6 / 3 / 10), within(1e-12));
    }

    @Test
    void unknownValuesAreLeftOutOfTheFit() {
        Trend.Fit fit = Trend.leastSquares(new double[] {0, 1, 2, 3}, new double[] {0, Double.NaN, 100, 3});

        assertThat(fit.points()).isEqualTo(3);
        assertThat(fit.slope()).isCloseTo(Trend.leastSquares(new double[] {0, 2, 3}, new double[] {0, 100, 3}).slope(),
                within(1e-12));
    }

    @Test
    void oneTimeAloneHasNoSlope() {
        assertThat(Trend.leastSquares(new double[] {5, 5}, new double[] {1, 2}).slope()).isNaN();
        assertThat(Trend.leastSquares(new double[] {5}, new double[] {1}).slope()).isNaN();
    }

    @Test
    void timesAndValuesMustPair() {
        assertThatThrownBy(() -> Trend.leastSquares(new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("differ in length");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndUnknownsDoNotCount() {
        assertThat(Trend.median(new double[] {9, 1, 5})).isEqualTo(5);
        assertThat(Trend.median(new double[] {9, 1, 5, 3})).isEqualTo(4);
        assertThat(Trend.median(new double[] {Double.NaN, 7, Double.NaN})).isEqualTo(7);
        assertThat(Trend.median(new double[] {Double.NaN})).isNaN();
    }

    @Test
    void betweenIsHalfOpenExceptAtTheLastTime() {
        double[] t = {0, 10, 20, 30};
        double[] v = {1, 2, 3, 4};

        assertThat(Trend.between(t, v, 10, 30)).containsExactly(2, 3, 4);
        assertThat(Trend.between(t, v, 0, 20)).containsExactly(1, 2);
    }
}
