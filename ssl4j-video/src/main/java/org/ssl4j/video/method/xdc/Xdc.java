package org.ssl4j.video.method.xdc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.eval.Features;
import org.ssl4j.core.eval.KMeans;
import org.ssl4j.core.loss.BalancedCrossEntropy;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.nn.ParameterLists;
import org.ssl4j.core.recipe.BackboneConfig;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.core.train.EncoderStore;
import org.ssl4j.video.data.SampleLayout;

/**
 * Cross-modal deep clustering (Alwassel et al. 2020, "Self-supervised learning by cross-modal audio-video
 * clustering"), on the two {@link XdcViews}: a video encoder (the recipe's backbone, evaluated and exported) and an
 * audio encoder (a 2D backbone on log-mel spectrograms) learn in rounds. At the start of each round the features of
 * every training video are extracted for both modalities (one fixed clip and its sound, inference mode, unit
 * length) and k-means'd ({@link KMeans}, {@code k} clusters each); during the round each encoder, through a freshly
 * initialised linear head, classifies the <em>other</em> modality's cluster of the sample (XDC), its own modality's
 * (SDC), or both with two heads (MDC). The cross-entropy weighs every cluster the same
 * ({@link BalancedCrossEntropy}: DeepCluster's uniform sampling over clusters, applied to the loss).
 *
 * <p>The clusterings are the method's state: the assignments of the current round are checkpointed with the
 * networks, so a resumed run classifies the same targets (the first round's are computed before the first step,
 * not at initialisation, so a resume does not compute them only to overwrite them). Differences from the paper's
 * code: the optimiser's moments of a re-initialised head carry over to the next round, and features are
 * L2-normalised without DeepCluster's PCA.
 */
public final class Xdc implements Method {
    private final XdcConfig config;
    private final Backbone encoder;
    private final BackboneConfig audioBackbone;
    private final Backbone audioEncoder;
    private final Map<String, Linear> heads = new LinkedHashMap<>();
    private XdcDataset data;
    private int stepsPerEpoch;
    private ParameterStore store;
    private NDArray assignments; // (2, N): row 0 the video clusters, row 1 the audio clusters; checkpointed
    private int[] videoClusters;
    private int[] audioClusters;
    private float[] videoWeights;
    private float[] audioWeights;
    private long round;
    private long seed;
    private NDArray probeFeatures;

    /** Wires the video encoder from {@code backbones}, the audio encoder, and the heads {@code config} asks for. */
    public Xdc(XdcConfig config, Supplier<Backbone> backbones) {
        this.config = config;
        this.encoder = backbones.get();
        this.audioBackbone = new BackboneConfig(config.audioBackbone(), (double) config.audioWidth(),
                config.audioStem(), 1);
        this.audioEncoder = Backbones.create(audioBackbone);
        if (config.crossModal()) {
            heads.put("videoHead.", head());
            heads.put("audioHead.", head());
        }
        if (config.selfModal()) {
            heads.put("videoSelfHead.", head());
            heads.put("audioSelfHead.", head());
        }
    }

    private Linear head() {
        return Linear.builder().setUnits(config.clusters()).build();
    }

    @Override
    public String name() {
        return "xdc";
    }

    @Override
    public Backbone encoder() {
        return encoder;
    }

    /** The audio encoder. */
    public Backbone audioEncoder() {
        return audioEncoder;
    }

    /** How the audio encoder is saved beside the video encoder: method {@code xdc-audio}, its input one spectrogram. */
    public EncoderStore.Spec audioSpec() {
        Ssl4jException.check(data != null, "XDC's audio input is known once its training data is bound");
        return new EncoderStore.Spec("xdc-audio", audioBackbone,
                Arrays.stream(data.layout().shape(XdcDataset.AUDIO)).boxed().toList());
    }

    @Override
    public void bindTrainingData(Dataset train, int stepsPerEpoch) {
        Ssl4jException.check(train instanceof XdcDataset, "method xdc trains on clips with their sound (a "
                + "videofolder source), got %s", train.getClass().getSimpleName());
        Ssl4jException.check(train.size() >= config.clusters(), "method.clusters %d exceeds the %d training videos",
                config.clusters(), train.size());
        this.data = (XdcDataset) train;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** @param viewShape the RGB clips' batch shape {@code (B, 3, T, S, S)} */
    @Override
    public void initialize(NDManager manager, Shape viewShape) {
        Ssl4jException.check(data != null, "XDC needs its training data bound before it is initialised");
        long batch = viewShape.get(0);
        encoder.initialize(manager, DataType.FLOAT32, viewShape);
        audioEncoder.initialize(manager, DataType.FLOAT32,
                Tensors.batchShape(batch, data.layout().shape(XdcDataset.AUDIO)));
        heads.forEach((name, head) -> head.initialize(manager, DataType.FLOAT32, new Shape(batch,
                (name.startsWith("video") ? encoder : audioEncoder).numFeatures())));
        store = new ParameterStore(manager, false);
        try (NDArray draw = manager.randomInteger(0, Long.MAX_VALUE, new Shape(1), DataType.INT64)) {
            seed = draw.getLong(); // from the run's seed: the clusterings' and the heads' re-initialisations'
        }
        assignments = manager.zeros(new Shape(2, data.size()));
    }

    private Map<String, Block> blocks() {
        Map<String, Block> out = new LinkedHashMap<>();
        out.put("encoder.", encoder);
        out.put("audioEncoder.", audioEncoder);
        out.putAll(heads);
        return out;
    }

    @Override
    public PairList<String, Parameter> parameters() {
        return ParameterLists.trained(blocks());
    }

    @Override
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = ParameterLists.arrays(blocks());
        out.put("clusters.assignments", assignments);
        return out;
    }

    @Override
    public Map<String, Long> stateCounters() {
        return Map.of("clusters.round", round);
    }

    /** Reads the restored assignments back into the targets. */
    @Override
    public void restoreCounters(Map<String, Long> counters) {
        Long restored = counters.get("clusters.round");
        Ssl4jException.check(restored != null, "the checkpoint has no clusters.round");
        round = restored;
        readTargets();
    }

    /** Clusters the first round's features before the first step, unless a checkpoint restored the clusters. */
    @Override
    public void beforeStep(NDManager scope, long step) {
        if (videoClusters == null) {
            cluster(scope);
        }
    }

    @Override
    public NDArray probeFeatures() {
        return probeFeatures;
    }

    /** The current round's clusters of training video {@code index}: video, then audio. */
    public int[] clustersOf(int index) {
        return new int[] {videoClusters[index], audioClusters[index]};
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        Ssl4jException.check(batch.views().size() == 2, "XDC needs 2 views (clip and spectrogram), got %d",
                batch.views().size());
        Ssl4jException.check(batch.indices() != null, "XDC needs the samples' dataset indices in its batches");
        int[] index = batch.indices();
        int[] videoTargets = new int[index.length];
        int[] audioTargets = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            videoTargets[i] = videoClusters[index[i]];
            audioTargets[i] = audioClusters[index[i]];
        }
        NDArray video = encoder.forward(store, new NDList(batch.views().get(0)), true).singletonOrThrow();
        probeFeatures = video.stopGradient();
        NDArray audio = audioEncoder.forward(store, new NDList(batch.views().get(1)), true).singletonOrThrow();
        NDArray loss = step.zeros(new Shape());
        if (config.crossModal()) { // each modality classifies the other's clusters
            loss = loss.add(classify("videoHead.", video, audioTargets, audioWeights))
                    .add(classify("audioHead.", audio, videoTargets, videoWeights));
        }
        if (config.selfModal()) {
            loss = loss.add(classify("videoSelfHead.", video, videoTargets, videoWeights))
                    .add(classify("audioSelfHead.", audio, audioTargets, audioWeights));
        }
        return loss;
    }

    private NDArray classify(String head, NDArray features, int[] targets, float[] weights) {
        NDArray logits = heads.get(head).forward(store, new NDList(features), true).singletonOrThrow();
        return BalancedCrossEntropy.compute(logits, targets, weights);
    }

    /** At the end of every {@code reclusterEvery} epochs but the last: cluster again and re-initialise the heads. */
    @Override
    public void afterStep(NDManager scope, long step, long totalSteps) {
        long every = (long) stepsPerEpoch * config.reclusterEvery();
        if ((step + 1) % every == 0 && step + 1 < totalSteps) {
            round++;
            cluster(scope);
            reinitialiseHeads();
        }
    }

    /** Clusters both modalities' features of every training video into this round's targets. */
    private void cluster(NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray[] features = extract(scope); // video (N, Dv), audio (N, Da), unit rows
            int k = config.clusters();
            int[] video = new KMeans(k, config.kmeansIterations(), seed + 2 * round).fit(features[0]).assignments();
            int[] audio = new KMeans(k, config.kmeansIterations(), seed + 2 * round + 1).fit(features[1])
                    .assignments();
            float[] both = new float[2 * video.length];
            for (int i = 0; i < video.length; i++) {
                both[i] = video[i];
                both[video.length + i] = audio[i];
            }
            Tensors.copyInto(assignments, scope.create(both, assignments.getShape()));
        }
        readTargets();
    }

    private void readTargets() {
        float[] both = assignments.toFloatArray();
        int n = both.length / 2;
        videoClusters = new int[n];
        audioClusters = new int[n];
        for (int i = 0; i < n; i++) {
            videoClusters[i] = Math.round(both[i]);
            audioClusters[i] = Math.round(both[n + i]);
        }
        videoWeights = BalancedCrossEntropy.clusterWeights(videoClusters, config.clusters());
        audioWeights = BalancedCrossEntropy.clusterWeights(audioClusters, config.clusters());
    }

    /**
     * Unit features of every training video, {@code (N, Dv)} and {@code (N, Da)}, in inference mode.
     */
    private NDArray[] extract(NDManager scope) {
        SampleLayout layout = data.layout();
        int clip = layout.length(XdcDataset.CLIP);
        NDArray both = Features.extract(data, scope, 32, samples -> { // (n, clip + audio) floats
            long n = samples.getShape().get(0);
            NDArray video = unitFeatures(encoder, samples.get(new NDIndex(":, :{}", clip))
                    .reshape(Tensors.batchShape(n, layout.shape(XdcDataset.CLIP))));
            NDArray audio = unitFeatures(audioEncoder, samples.get(new NDIndex(":, {}:", clip))
                    .reshape(Tensors.batchShape(n, layout.shape(XdcDataset.AUDIO))));
            return video.concat(audio, 1);
        });
        long dv = encoder.numFeatures();
        return new NDArray[] {both.get(new NDIndex(":, :{}", dv)), both.get(new NDIndex(":, {}:", dv))};
    }

    private NDArray unitFeatures(Backbone backbone, NDArray input) {
        NDArray features = backbone.forward(store, new NDList(input), false).singletonOrThrow();
        return Tensors.l2Normalize(features, 1);
    }

    /** New weights for every head, drawn from the round: Glorot-uniform weights, zero biases. */
    private void reinitialiseHeads() {
        SplittableRandom random = new SplittableRandom(seed ^ (round * 0x9E3779B97F4A7C15L));
        for (Linear head : heads.values()) {
            for (Parameter p : head.getParameters().values()) {
                NDArray array = p.getArray();
                float[] values = new float[(int) array.size()];
                if (p.getType() == Parameter.Type.WEIGHT) {
                    long[] shape = array.getShape().getShape(); // (out, in)
                    double bound = Math.sqrt(6.0 / (shape[0] + shape[1]));
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
                    }
                }
                try (NDManager scope = array.getManager().newSubManager()) {
                    Tensors.copyInto(array, scope.create(values, array.getShape()));
                }
            }
        }
    }
}
