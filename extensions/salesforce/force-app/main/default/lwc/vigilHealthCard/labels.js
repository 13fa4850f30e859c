// Generated from scripts/card-labels.json by scripts/generate-metadata.ts: do not edit.
// Each label resolves in the user’s language (custom labels + Translation Workbench).
import Vigil_Card_Change_Down from '@salesforce/label/c.Vigil_Card_Change_Down';
import Vigil_Card_Change_None from '@salesforce/label/c.Vigil_Card_Change_None';
import Vigil_Card_Change_Up from '@salesforce/label/c.Vigil_Card_Change_Up';
import Vigil_Card_Churn_Risk from '@salesforce/label/c.Vigil_Card_Churn_Risk';
import Vigil_Card_Confidence from '@salesforce/label/c.Vigil_Card_Confidence';
import Vigil_Card_Expected_LTV from '@salesforce/label/c.Vigil_Card_Expected_LTV';
import Vigil_Card_Field_Confidence from '@salesforce/label/c.Vigil_Card_Field_Confidence';
import Vigil_Card_Field_Health_Change from '@salesforce/label/c.Vigil_Card_Field_Health_Change';
import Vigil_Card_Field_Health_Score from '@salesforce/label/c.Vigil_Card_Field_Health_Score';
import Vigil_Card_Field_Health_Status from '@salesforce/label/c.Vigil_Card_Field_Health_Status';
import Vigil_Card_Field_Reasons from '@salesforce/label/c.Vigil_Card_Field_Reasons';
import Vigil_Card_Field_Risk_Level from '@salesforce/label/c.Vigil_Card_Field_Risk_Level';
import Vigil_Card_Field_Scored_At from '@salesforce/label/c.Vigil_Card_Field_Scored_At';
import Vigil_Card_Field_Summary from '@salesforce/label/c.Vigil_Card_Field_Summary';
import Vigil_Card_Hidden from '@salesforce/label/c.Vigil_Card_Hidden';
import Vigil_Card_Last_Scored from '@salesforce/label/c.Vigil_Card_Last_Scored';
import Vigil_Card_Load_Failed from '@salesforce/label/c.Vigil_Card_Load_Failed';
import Vigil_Card_Load_Failed_Retry from '@salesforce/label/c.Vigil_Card_Load_Failed_Retry';
import Vigil_Card_Loading from '@salesforce/label/c.Vigil_Card_Loading';
import Vigil_Card_New_Tab from '@salesforce/label/c.Vigil_Card_New_Tab';
import Vigil_Card_No_Access from '@salesforce/label/c.Vigil_Card_No_Access';
import Vigil_Card_Not_Scored from '@salesforce/label/c.Vigil_Card_Not_Scored';
import Vigil_Card_Open from '@salesforce/label/c.Vigil_Card_Open';
import Vigil_Card_Owner from '@salesforce/label/c.Vigil_Card_Owner';
import Vigil_Card_Risk_Critical from '@salesforce/label/c.Vigil_Card_Risk_Critical';
import Vigil_Card_Risk_High from '@salesforce/label/c.Vigil_Card_Risk_High';
import Vigil_Card_Risk_Low from '@salesforce/label/c.Vigil_Card_Risk_Low';
import Vigil_Card_Risk_Medium from '@salesforce/label/c.Vigil_Card_Risk_Medium';
import Vigil_Card_Score_Label from '@salesforce/label/c.Vigil_Card_Score_Label';
import Vigil_Card_Status_At_Risk from '@salesforce/label/c.Vigil_Card_Status_At_Risk';
import Vigil_Card_Status_Healthy from '@salesforce/label/c.Vigil_Card_Status_Healthy';
import Vigil_Card_Status_Neutral from '@salesforce/label/c.Vigil_Card_Status_Neutral';
import Vigil_Card_Thin_Data from '@salesforce/label/c.Vigil_Card_Thin_Data';
import Vigil_Card_Tier_High from '@salesforce/label/c.Vigil_Card_Tier_High';
import Vigil_Card_Tier_Low from '@salesforce/label/c.Vigil_Card_Tier_Low';
import Vigil_Card_Tier_Tech from '@salesforce/label/c.Vigil_Card_Tier_Tech';
import Vigil_Card_Title from '@salesforce/label/c.Vigil_Card_Title';
import Vigil_Card_Top_Reasons from '@salesforce/label/c.Vigil_Card_Top_Reasons';
import Vigil_Card_Touch_Tier from '@salesforce/label/c.Vigil_Card_Touch_Tier';

export default {
  Vigil_Card_Change_Down,
  Vigil_Card_Change_None,
  Vigil_Card_Change_Up,
  Vigil_Card_Churn_Risk,
  Vigil_Card_Confidence,
  Vigil_Card_Expected_LTV,
  Vigil_Card_Field_Confidence,
  Vigil_Card_Field_Health_Change,
  Vigil_Card_Field_Health_Score,
  Vigil_Card_Field_Health_Status,
  Vigil_Card_Field_Reasons,
  Vigil_Card_Field_Risk_Level,
  Vigil_Card_Field_Scored_At,
  Vigil_Card_Field_Summary,
  Vigil_Card_Hidden,
  Vigil_Card_Last_Scored,
  Vigil_Card_Load_Failed,
  Vigil_Card_Load_Failed_Retry,
  Vigil_Card_Loading,
  Vigil_Card_New_Tab,
  Vigil_Card_No_Access,
  Vigil_Card_Not_Scored,
  Vigil_Card_Open,
  Vigil_Card_Owner,
  Vigil_Card_Risk_Critical,
  Vigil_Card_Risk_High,
  Vigil_Card_Risk_Low,
  Vigil_Card_Risk_Medium,
  Vigil_Card_Score_Label,
  Vigil_Card_Status_At_Risk,
  Vigil_Card_Status_Healthy,
  Vigil_Card_Status_Neutral,
  Vigil_Card_Thin_Data,
  Vigil_Card_Tier_High,
  Vigil_Card_Tier_Low,
  Vigil_Card_Tier_Tech,
  Vigil_Card_Title,
  Vigil_Card_Top_Reasons,
  Vigil_Card_Touch_Tier,
};
