package org.ssl4j.core.data;

/** The samples of another {@link Dataset} at given indices, in that order: how train/test splits are expressed. */
public final class Subset implements Dataset {
    private final Dataset parent;
    private final int[] indices;

    /** A view of {@code parent} restricted to {@code indices} (copied). */
    public Subset(Dataset parent, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= parent.size()) {
                throw new IllegalArgumentException("index " + i + " outside [0, " + parent.size() + ")");
            }
        }
        this.parent = parent;
        this.indices = indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int[] sampleShape() {
        return parent.sampleShape();
    }

    @Override
    public boolean hasLabels() {
        return parent.hasLabels();
    }

    @Override
    public int label(int index) {
        return parent.label(indices[index]);
    }

    @Override
    public String id(int index) {
        return parent.id(indices[index]);
    }

    @Override
    public int numClasses() {
        return parent.numClasses();
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        parent.read(indices[index], dst, offset);
    }
}
