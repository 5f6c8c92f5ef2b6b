package dev.swapdeck.ui.playground;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/** Binds the playground to {@link PlaygroundViewModel}; Ctrl+Enter sends, Esc stops. */
public final class PlaygroundController {
    private static final KeyCombination SEND = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private final PlaygroundViewModel viewModel;
    @FXML private ComboBox<String> targetBox;
    @FXML private Spinner<Integer> maxTokens;
    @FXML private Button sendButton;
    @FXML private Button stopButton;
    @FXML private Label statsLabel;
    @FXML private TextArea promptArea;
    @FXML private StackPane answerHolder;
    private final AnswerView answerView = new AnswerView();

    public PlaygroundController(PlaygroundViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        viewModel.prepare();
        targetBox.setItems(viewModel.targets());
        targetBox.valueProperty().bindBidirectional(viewModel.targetProperty());
        // the default follows the models only until then: never under the person's typing
        targetBox.getEditor().focusedProperty().addListener((obs, was, now) -> viewModel.holdTarget());
        targetBox.setOnShowing(e -> viewModel.holdTarget());
        SpinnerValueFactory.IntegerSpinnerValueFactory tokens =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, PlaygroundViewModel.MAX_TOKENS,
                        viewModel.maxTokensProperty().get(), 64);
        maxTokens.setValueFactory(tokens);
        tokens.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                viewModel.maxTokensProperty().set(now);
            }
        });
        promptArea.textProperty().bindBidirectional(viewModel.promptProperty());
        answerHolder.getChildren().setAll(answerView.node());
        viewModel.addAnswerListener(answerView);
        statsLabel.textProperty().bind(viewModel.statsProperty());
        stopButton.disableProperty().bind(viewModel.runningProperty().not());
        // anywhere in the view (the model field, the token count, a button), as the buttons' tooltips say;
        // Esc with the model list open only closes the list
        statsLabel.getParent().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SEND.match(e)) {
                e.consume();
                send();
            } else if (e.getCode() == KeyCode.ESCAPE && viewModel.runningProperty().get() && !targetBox.isShowing()) {
                e.consume();
                stop();
            }
        });
    }

    @FXML
    private void send() {
        if (commitEditors()) {
            viewModel.send();
        }
    }

    @FXML
    private void stop() {
        viewModel.stop();
    }

    /** Puts the caret in the prompt. */
    public void focusPrompt() {
        promptArea.requestFocus();
    }

    /**
     * An editable ComboBox or Spinner keeps typed text until committed; Send should use what is shown.
     * False when the token count is no number: the field shows the count in force again, nothing is sent.
     */
    private boolean commitEditors() {
        String typed = targetBox.getEditor().getText();
        if (typed != null && !typed.isBlank()) {
            viewModel.targetProperty().set(typed.strip());
        }
        boolean taken = viewModel.acceptMaxTokens(maxTokens.getEditor().getText());
        int count = viewModel.maxTokensProperty().get();
        maxTokens.getValueFactory().setValue(count);
        maxTokens.getEditor().setText(String.valueOf(count));
        return taken;
    }
}
